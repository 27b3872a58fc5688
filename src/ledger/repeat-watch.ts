/**
 * Whether any invoice id was read twice, without keeping the ids: an open-addressing table of 64-bit
 * hashes of their bytes (8 bytes per id, 16 MB for a million). Equal hashes count as a repeat, so the
 * answer can only err one way: "no repeat" is exact, while a false "repeat" (about one sync in thirty
 * million for a million ids) only costs the slower write that resolves repeats.
 *
 * A mapping that returns an invoice twice is a mistake in the mapping, but it happens (a join that
 * fans out); the sync must then keep the latest change, which costs a sort of every staged row.
 * Knowing that no id repeats spares that sort on every other sync.
 */

const EMPTY = 0;

export class RepeatWatch {
  /** Pairs of 32-bit hashes; a pair of zeros is an empty slot (a real zero hash is stored as 1). */
  private table = new Uint32Array(2 * 4096);
  private count = 0;
  private seenTwice = false;

  /** True once an id (or its hash) was added twice. */
  get repeated(): boolean {
    return this.seenTwice;
  }

  /** Adds the id whose UTF-8 bytes are `bytes` from `start` to `end`. */
  addBytes(bytes: Uint8Array, start: number, end: number): void {
    // FNV-1a and a multiply-rotate hash over the same bytes: two independent 32-bit halves.
    let a = 0x811c9dc5;
    let b = 0x9747b28c ^ (end - start);
    for (let k = start; k < end; k++) {
      const byte = bytes[k] as number;
      a = Math.imul(a ^ byte, 0x01000193);
      b = Math.imul(b ^ byte, 0x5bd1e995);
      b ^= b >>> 15;
    }
    b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    b ^= b >>> 16;
    this.add(a >>> 0 || 1, b >>> 0);
  }

  /** Adds an id given as text (its UTF-8 bytes, as addBytes sees them in COPY text). */
  addText(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.addBytes(bytes, 0, bytes.length);
  }

  private add(a: number, b: number): void {
    if (this.seenTwice) return;
    if ((this.count + 1) * 2 > this.table.length / 2) this.grow();
    const slots = this.table.length / 2;
    for (let slot = a & (slots - 1); ; slot = (slot + 1) & (slots - 1)) {
      const at = slot * 2;
      if (this.table[at] === EMPTY) {
        this.table[at] = a;
        this.table[at + 1] = b;
        this.count++;
        return;
      }
      if (this.table[at] === a && this.table[at + 1] === b) {
        this.seenTwice = true;
        return;
      }
    }
  }

  /** Doubles the table (kept at most half full) and puts every hash back. */
  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.count = 0;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] !== EMPTY) this.add(old[at] as number, old[at + 1] as number);
    }
  }
}
