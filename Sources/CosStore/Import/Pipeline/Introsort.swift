/// An unstable in-place sort (introsort: quicksort with a median-of-three pivot, insertion sort for
/// short ranges, heapsort when the recursion gets too deep) for the import's sort buffers. Swift's
/// `sort` is stable, which costs a buffer and twice the moves; the import's keys are unique or need no
/// stable order.
enum Introsort {
    /// Sorts by `<` (specialized per type: no closure call per comparison).
    static func sort<T: Comparable>(_ buffer: UnsafeMutableBufferPointer<T>) {
        guard buffer.count > 1, let base = buffer.baseAddress else { return }
        var depth = 0
        var n = buffer.count
        while n > 0 {
            depth += 2
            n >>= 1
        }
        quick(base, 0, buffer.count, depth)
    }

    private static func quick<T: Comparable>(_ a: UnsafeMutablePointer<T>, _ low: Int, _ high: Int, _ depth: Int) {
        var low = low
        var high = high
        var depth = depth
        while high - low > 16 {
            if depth == 0 {
                heap(a + low, high - low, <)
                return
            }
            depth -= 1
            let mid = low + (high - low) / 2
            if a[mid] < a[low] { swap(a, mid, low) }
            if a[high - 1] < a[low] { swap(a, high - 1, low) }
            if a[high - 1] < a[mid] { swap(a, high - 1, mid) }
            swap(a, low, mid)
            let pivot = a[low]
            var i = low
            var j = high
            while true {
                repeat { i += 1 } while i < high && a[i] < pivot
                repeat { j -= 1 } while pivot < a[j]
                if i >= j { break }
                swap(a, i, j)
            }
            swap(a, low, j)
            if j - low < high - j - 1 {
                quick(a, low, j, depth)
                low = j + 1
            } else {
                quick(a, j + 1, high, depth)
                high = j
            }
        }
        guard high - low > 1 else { return }
        for i in (low + 1)..<high {
            let x = a[i]
            var j = i
            while j > low && x < a[j - 1] {
                a[j] = a[j - 1]
                j -= 1
            }
            a[j] = x
        }
    }

    static func sort<T>(_ buffer: UnsafeMutableBufferPointer<T>, by less: (T, T) -> Bool) {
        guard buffer.count > 1, let base = buffer.baseAddress else { return }
        var depth = 0
        var n = buffer.count
        while n > 0 {
            depth += 2
            n >>= 1
        }
        quick(base, 0, buffer.count, depth, less)
    }

    private static func quick<T>(_ a: UnsafeMutablePointer<T>, _ low: Int, _ high: Int, _ depth: Int, _ less: (T, T) -> Bool) {
        var low = low
        var high = high
        var depth = depth
        while high - low > 16 {
            if depth == 0 {
                heap(a + low, high - low, less)
                return
            }
            depth -= 1
            let mid = low + (high - low) / 2
            // Median of three to a[low], then partition around it (Hoare).
            if less(a[mid], a[low]) { swap(a, mid, low) }
            if less(a[high - 1], a[low]) { swap(a, high - 1, low) }
            if less(a[high - 1], a[mid]) { swap(a, high - 1, mid) }
            swap(a, low, mid)
            let pivot = a[low]
            var i = low
            var j = high
            while true {
                repeat { i += 1 } while i < high && less(a[i], pivot)
                repeat { j -= 1 } while less(pivot, a[j])
                if i >= j { break }
                swap(a, i, j)
            }
            swap(a, low, j)
            // Recurse into the smaller side, loop on the larger.
            if j - low < high - j - 1 {
                quick(a, low, j, depth, less)
                low = j + 1
            } else {
                quick(a, j + 1, high, depth, less)
                high = j
            }
        }
        insertion(a, low, high, less)
    }

    @inline(__always)
    private static func swap<T>(_ a: UnsafeMutablePointer<T>, _ i: Int, _ j: Int) {
        let t = a[i]
        a[i] = a[j]
        a[j] = t
    }

    private static func insertion<T>(_ a: UnsafeMutablePointer<T>, _ low: Int, _ high: Int, _ less: (T, T) -> Bool) {
        guard high - low > 1 else { return }
        for i in (low + 1)..<high {
            let x = a[i]
            var j = i
            while j > low && less(x, a[j - 1]) {
                a[j] = a[j - 1]
                j -= 1
            }
            a[j] = x
        }
    }

    private static func heap<T>(_ a: UnsafeMutablePointer<T>, _ n: Int, _ less: (T, T) -> Bool) {
        func down(_ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end && less(a[child], a[child + 1]) { child += 1 }
                if !less(a[root], a[child]) { return }
                swap(a, root, child)
                root = child
            }
        }
        for start in stride(from: n / 2 - 1, through: 0, by: -1) { down(start, n) }
        var end = n - 1
        while end > 0 {
            swap(a, 0, end)
            down(0, end)
            end -= 1
        }
    }
}
