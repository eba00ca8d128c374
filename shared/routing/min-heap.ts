/**
 * A binary heap of (key, node) pairs in flat typed arrays: a road search pushes tens of thousands
 * of entries, and objects per entry would cost more than the search itself.
 */
export class MinHeap {
  private keys = new Float64Array(1024);
  private nodes = new Uint32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Uint32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.keys[i] = this.keys[p]!;
      this.nodes[i] = this.nodes[p]!;
      i = p;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  peekKey(): number {
    return this.keys[0]!;
  }

  /** Removes and returns the node with the smallest key; the heap must not be empty. */
  pop(): number {
    const top = this.nodes[0]!;
    const n = --this.size;
    if (n > 0) {
      const key = this.keys[n]!;
      const node = this.nodes[n]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && this.keys[c + 1]! < this.keys[c]!) c++;
        if (this.keys[c]! >= key) break;
        this.keys[i] = this.keys[c]!;
        this.nodes[i] = this.nodes[c]!;
        i = c;
      }
      this.keys[i] = key;
      this.nodes[i] = node;
    }
    return top;
  }
}
