/**
 * Three-way line merge (diff3) for long text such as visit notes. Two devices that edited
 * different paragraphs of the same note both keep their words; only edits to the same lines that
 * differ are a conflict, and then the caller keeps a conflict copy.
 */
export type TextMergeResult = { ok: true; text: string } | { ok: false; conflicts: number };

/**
 * Above this many cells the middle of the diff is not computed and the texts count as a
 * conflict: a conflict copy is safe, a stalled sync is not.
 */
const MAX_DIFF_CELLS = 4_000_000;

/** For each line of `a`, the index of the line of `b` it is matched to by a longest common subsequence, or -1. */
export function matchLines(a: readonly string[], b: readonly string[]): Int32Array | null {
  const match = new Int32Array(a.length).fill(-1);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    match[start] = start;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    match[endA] = endB;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return match;
  if ((n + 1) * (m + 1) > MAX_DIFF_CELLS) return null;
  // Classic LCS table over the middle that prefix and suffix trimming left.
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[start + i] === b[start + j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      match[start + i] = start + j;
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return match;
}

function sameLines(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((line, k) => line === y[k]);
}

/**
 * Merge `ours` and `theirs`, both edited from `base`. Where both inserted different lines at the
 * same place and deleted nothing there, both insertions are kept, `first` side first: for notes
 * two added paragraphs are the common case and neither may be lost.
 */
export function mergeLines(
  base: string,
  ours: string,
  theirs: string,
  first: 'ours' | 'theirs' = 'ours',
): TextMergeResult {
  if (ours === theirs) return { ok: true, text: ours };
  if (ours === base) return { ok: true, text: theirs };
  if (theirs === base) return { ok: true, text: ours };
  const o = base.split('\n');
  const a = ours.split('\n');
  const b = theirs.split('\n');
  const ma = matchLines(o, a);
  const mb = matchLines(o, b);
  if (!ma || !mb) return { ok: false, conflicts: 1 };

  const out: string[] = [];
  let conflicts = 0;
  const resolve = (oc: string[], ac: string[], bc: string[]): void => {
    if (sameLines(ac, bc)) out.push(...ac);
    else if (sameLines(oc, ac)) out.push(...bc);
    else if (sameLines(oc, bc)) out.push(...ac);
    else if (oc.length === 0) out.push(...(first === 'ours' ? [...ac, ...bc] : [...bc, ...ac]));
    else conflicts++;
  };

  let i = 0;
  let ia = 0;
  let ib = 0;
  while (i <= o.length) {
    if (i < o.length && ma[i] === ia && mb[i] === ib) {
      out.push(o[i]!);
      i++;
      ia++;
      ib++;
      continue;
    }
    // The next base line that both sides kept ends this unstable chunk.
    let next = i;
    while (next < o.length && (ma[next]! < 0 || mb[next]! < 0)) next++;
    const endA = next < o.length ? ma[next]! : a.length;
    const endB = next < o.length ? mb[next]! : b.length;
    resolve(o.slice(i, next), a.slice(ia, endA), b.slice(ib, endB));
    if (next >= o.length) break;
    i = next;
    ia = endA;
    ib = endB;
  }
  return conflicts === 0 ? { ok: true, text: out.join('\n') } : { ok: false, conflicts };
}
