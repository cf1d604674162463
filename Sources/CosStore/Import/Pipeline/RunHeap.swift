/// A binary min-heap of run indices, ordered by `less` over the runs' current heads: the k-way merge of
/// sorted spill runs that `RecordSorter` and `Aggregator` both do. The heads live with the caller; after
/// the top run's head moves on (or the run ends), `topChanged` restores the order.
struct RunHeap {
    private var runs: [Int]

    init(_ runs: [Int], less: (Int, Int) -> Bool) {
        self.runs = runs
        for i in stride(from: runs.count / 2 - 1, through: 0, by: -1) { siftDown(i, less) }
    }

    /// The run whose head is smallest; nil when every run has ended.
    var top: Int? { runs.first }

    /// The top run has a new head, or none when `ended`.
    @inline(__always)
    mutating func topChanged(ended: Bool, less: (Int, Int) -> Bool) {
        if ended {
            runs[0] = runs[runs.count - 1]
            runs.removeLast()
        }
        if !runs.isEmpty { siftDown(0, less) }
    }

    @inline(__always)
    private mutating func siftDown(_ start: Int, _ less: (Int, Int) -> Bool) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            if left >= runs.count { return }
            var child = left
            if left + 1 < runs.count, less(runs[left + 1], runs[left]) { child = left + 1 }
            if !less(runs[child], runs[parent]) { return }
            runs.swapAt(child, parent)
            parent = child
        }
    }
}
