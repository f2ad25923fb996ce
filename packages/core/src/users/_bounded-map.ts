/** A Map that forgets its oldest entries past `max`: per-user memos stay bounded however many users come. */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #max: number

  constructor(max: number) {
    super()
    this.#max = max
  }

  override set(key: K, value: V): this {
    // Re-inserting moves the key to the young end of the insertion order.
    super.delete(key)
    super.set(key, value)
    while (this.size > this.#max) {
      const oldest = this.keys().next()
      if (oldest.done) break
      super.delete(oldest.value)
    }
    return this
  }
}
