/// An exact decimal number as printed in a report: an integer mantissa and a count of decimal places.
///
/// Counts are integers; amounts (万元) may carry decimals. No floating point is involved, so a value
/// read from a report prints back exactly as it was written.
public struct CellNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The digits of the number with the decimal point removed.
    public let mantissa: Int64
    /// How many of the mantissa's digits stand after the decimal point.
    public let scale: Int

    /// A whole number.
    public init(_ value: Int64) {
        mantissa = value
        scale = 0
    }

    /// A number `mantissa × 10^-scale`, normalised so that it carries no trailing decimal zeros.
    @inlinable
    public init(mantissa: Int64, scale: Int) {
        var m = mantissa
        var s = max(scale, 0)
        while s > 0 && m % 10 == 0 {
            m /= 10
            s -= 1
        }
        self.mantissa = m
        self.scale = s
    }

    /// Parses `123`, `-8`, `+136`, `0.0436`; nil for anything else.
    public init?(parsing text: Substring) {
        self.init(scalars: text.unicodeScalars)
    }

    /// Parses the scalars of `123`, `-8`, `+136`, `0.0436`; nil for anything else.
    @inlinable
    public init?<S: Collection>(scalars text: S) where S.Element == Unicode.Scalar {
        var negative = false
        var body = text[...]
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        var m: Int64 = 0
        var s = 0
        var seenPoint = false
        var digits = 0
        for ch in body {
            if ch == "." {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard let d = ch.asciiDigit else { return nil }
            let (mul, o1) = m.multipliedReportingOverflow(by: 10)
            let (add, o2) = mul.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            m = add
            digits += 1
            if seenPoint { s += 1 }
        }
        guard digits > 0 else { return nil }
        self.init(mantissa: negative ? -m : m, scale: s)
    }

    /// Whether the number has no fractional part.
    public var isInteger: Bool { scale == 0 }

    /// The value as a whole number, when it is one.
    public var integerValue: Int64? { scale == 0 ? mantissa : nil }

    /// The value as a `Double`, for display and statistics only.
    public var doubleValue: Double {
        var d = Double(mantissa)
        for _ in 0..<scale { d /= 10 }
        return d
    }

    /// Multiplies by 10^power (negative powers divide), exactly.
    public func shifted(by power: Int) -> CellNumber? {
        if power <= 0 { return CellNumber(mantissa: mantissa, scale: scale - power) }
        var m = mantissa
        var s = scale
        var p = power
        while p > 0 && s > 0 {
            s -= 1
            p -= 1
        }
        for _ in 0..<p {
            let (r, o) = m.multipliedReportingOverflow(by: 10)
            if o { return nil }
            m = r
        }
        return CellNumber(mantissa: m, scale: s)
    }

    private static func aligned(_ a: CellNumber, _ b: CellNumber) -> (Int64, Int64, Int)? {
        let s = max(a.scale, b.scale)
        guard let x = a.scaled(to: s), let y = b.scaled(to: s) else { return nil }
        return (x, y, s)
    }

    private func scaled(to s: Int) -> Int64? {
        var m = mantissa
        for _ in scale..<s {
            let (r, o) = m.multipliedReportingOverflow(by: 10)
            if o { return nil }
            m = r
        }
        return m
    }

    /// The exact sum of two numbers, or nil on overflow.
    @inlinable
    public static func sum(_ a: CellNumber, _ b: CellNumber) -> CellNumber? {
        if a.scale == 0 && b.scale == 0 {
            let (r, o) = a.mantissa.addingReportingOverflow(b.mantissa)
            return o ? nil : CellNumber(r)
        }
        return sum([a, b])
    }

    /// The exact sum, or nil on overflow.
    public static func sum(_ values: [CellNumber]) -> CellNumber? {
        var acc = CellNumber(0)
        for v in values {
            guard let (x, y, s) = aligned(acc, v) else { return nil }
            let (r, o) = x.addingReportingOverflow(y)
            if o { return nil }
            acc = CellNumber(mantissa: r, scale: s)
        }
        return acc
    }

    /// The exact difference `a - b`, or nil on overflow.
    public static func difference(_ a: CellNumber, _ b: CellNumber) -> CellNumber? {
        guard let (x, y, s) = aligned(a, b) else { return nil }
        let (r, o) = x.subtractingReportingOverflow(y)
        return o ? nil : CellNumber(mantissa: r, scale: s)
    }

    public static func < (lhs: CellNumber, rhs: CellNumber) -> Bool {
        guard let (x, y, _) = aligned(lhs, rhs) else { return lhs.doubleValue < rhs.doubleValue }
        return x < y
    }

    /// Decimal text without exponent: `64411`, `0.0436`, `-8`.
    public var description: String {
        if scale == 0 { return String(mantissa) }
        let negative = mantissa < 0
        var digits = String(mantissa.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale + 1 - digits.count) + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<cut] + "." + digits[cut...]
    }
}

extension Unicode.Scalar {
    /// The value of an ASCII digit, or nil.
    @inlinable public var asciiDigit: Int? {
        let v = value
        return v >= 48 && v <= 57 ? Int(v - 48) : nil
    }
}
