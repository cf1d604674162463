import CosModel

extension String {
    /// Every occurrence of `target` replaced (without Foundation's locale-aware search).
    func replacingAll(_ target: String, with replacement: String) -> String {
        components(separatedByString: target).joined(separator: replacement)
    }
}
