/// A horizontal stacked bar chart as inline SVG (server-rendered, no JavaScript).
struct BarChart {
    struct Bar {
        let label: String
        let link: String?
        /// The segments' values, in the order of `BarChart.series`.
        let values: [Int]
    }

    let title: String
    let series: [(label: String, color: String)]
    let bars: [Bar]

    func svg() -> HTML {
        guard !bars.isEmpty else { return "" }
        let rowHeight = 22.0, labelWidth = 150.0, width = 640.0, top = 24.0
        let maxTotal = Double(max(1, bars.map { $0.values.reduce(0, +) }.max() ?? 1))
        let height = top + rowHeight * Double(bars.count) + 8
        var out: HTML =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(title)\">"
        for (n, s) in series.enumerated() {
            let x = labelWidth + Double(n) * 110
            out += "<rect x=\"\(x)\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(s.color)\"/>"
            out += "<text x=\"\(x + 14)\" y=\"13\" font-size=\"12\">\(s.label)</text>"
        }
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            var label: HTML =
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" font-size=\"12\" text-anchor=\"end\">\(String(bar.label.prefix(12)))</text>"
            if let link = bar.link { label = "<a href=\"\(link)\">\(label)</a>" }
            out += label
            var x = labelWidth
            for (n, value) in bar.values.enumerated() where value > 0 {
                let w = Double(value) / maxTotal * (width - labelWidth - 50)
                out +=
                    "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(rowHeight - 6)\" fill=\"\(series[n % series.count].color)\"><title>\(series[n % series.count].label)：\(value)</title></rect>"
                x += w
            }
            let counts = bar.values.map(String.init).joined(separator: "/")
            out += "<text x=\"\(x + 4)\" y=\"\(y + 14)\" font-size=\"11\">\(counts)</text>"
        }
        return out + "</svg>"
    }
}
