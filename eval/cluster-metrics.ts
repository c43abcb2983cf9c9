// Clustering scores: B-cubed precision/recall/F1 (per item, averaged) and CEAF-e (entity-based,
// best one-to-one alignment of clusters with φ4 similarity), as used for coreference.

export type Clustering = Map<string, string>; // item → cluster

function groups(c: Clustering): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  for (const [item, cluster] of c) {
    let set = g.get(cluster);
    if (!set) {
      set = new Set();
      g.set(cluster, set);
    }
    set.add(item);
  }
  return g;
}

export interface Prf {
  p: number;
  r: number;
  f1: number;
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function bcubed(gold: Clustering, predicted: Clustering): Prf {
  const goldGroups = groups(gold);
  const predGroups = groups(predicted);
  let p = 0;
  let r = 0;
  for (const [item, g] of gold) {
    const goldSet = goldGroups.get(g)!;
    const predSet = predGroups.get(predicted.get(item)!)!;
    let overlap = 0;
    for (const other of predSet) if (goldSet.has(other)) overlap++;
    p += overlap / predSet.size;
    r += overlap / goldSet.size;
  }
  const n = gold.size;
  return { p: p / n, r: r / n, f1: f1(p / n, r / n) };
}

/** CEAF-e: the best one-to-one alignment of gold and predicted clusters by φ4 (Hungarian method). */
export function ceafe(gold: Clustering, predicted: Clustering): Prf {
  const g = [...groups(gold).values()];
  const k = [...groups(predicted).values()];
  const phi = g.map((a) =>
    k.map((b) => {
      let overlap = 0;
      for (const x of a) if (b.has(x)) overlap++;
      return (2 * overlap) / (a.size + b.size);
    }),
  );
  const total = maxAssignment(phi);
  const p = total / k.length;
  const r = total / g.length;
  return { p, r, f1: f1(p, r) };
}

/** The maximum-weight assignment of rows to columns (Hungarian algorithm on a padded square). */
function maxAssignment(weights: number[][]): number {
  const rows = weights.length;
  const cols = weights[0]?.length ?? 0;
  const n = Math.max(rows, cols);
  if (n === 0) return 0;
  const cost = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => -(weights[i]?.[j] ?? 0)));
  const u = new Array(n + 1).fill(0);
  const v = new Array(n + 1).fill(0);
  const p = new Array(n + 1).fill(0);
  const way = new Array(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array(n + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Array(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  let total = 0;
  for (let j = 1; j <= n; j++) if (p[j] > 0) total += -cost[p[j] - 1]![j - 1]!;
  return total;
}
