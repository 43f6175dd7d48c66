/// Information processing fees under 国办函〔2020〕109号, in whole yuan.
public enum Fees {
    /// One band of a fee: how many units at what rate.
    public struct Band: Sendable, Hashable {
        /// The band, e.g. `第31–100页`.
        public let label: String
        /// Units charged in it.
        public let units: Int
        /// Yuan per unit.
        public let rate: Int
        /// `units × rate`.
        public var yuan: Int { units * rate }
    }

    /// A fee and how it was reached.
    public struct Quote: Sendable, Hashable {
        /// The bands that apply, free ones included.
        public let bands: [Band]
        /// The total in yuan.
        public var yuan: Int { bands.reduce(0) { $0 + $1.yuan } }
    }

    /// Counts beyond this are refused: no real request reaches them, and the arithmetic stays exact.
    public static let largestCount = 1_000_000

    /// 按件计收: the fee for an applicant's `n`-th request in a calendar month (all results counted).
    /// 1–10 free; 11–30: 100 元; from the 31st, bands of ten, each 100 元 more than the one before.
    public static func perRequest(nthThisMonth n: Int) -> Quote? {
        guard (1...largestCount).contains(n) else { return nil }
        let rate: Int
        let label: String
        switch n {
        case 1...10: (rate, label) = (0, "第1–10件")
        case 11...30: (rate, label) = (100, "第11–30件")
        default:
            let band = (n - 31) / 10
            rate = 200 + 100 * band
            label = "第\(31 + 10 * band)–\(40 + 10 * band)件"
        }
        return Quote(bands: [Band(label: label, units: 1, rate: rate)])
    }

    /// 按量计收: the fee for one request of `pages` pages, progressive: up to 30 free; 31–100 at 10 元;
    /// 101–200 at 20 元; from 201 at 40 元 a page.
    public static func perVolume(pages: Int) -> Quote? {
        guard (0...largestCount).contains(pages) else { return nil }
        let bands: [(label: String, from: Int, through: Int, rate: Int)] = [
            ("第1–30页", 1, 30, 0), ("第31–100页", 31, 100, 10), ("第101–200页", 101, 200, 20),
            ("第201页起", 201, largestCount, 40),
        ]
        return Quote(
            bands: bands.compactMap { band in
                let units = min(pages, band.through) - band.from + 1
                return units > 0 ? Band(label: band.label, units: units, rate: band.rate) : nil
            })
    }
}
