// A dependency-free SVG line plot of jitter and loss over the call (no native graphics libraries needed).
namespace Phone.Emulator
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using System.IO;
    using System.Text;

    internal static class SvgPlot
    {
        /// <summary>Writes two panels over a shared time axis: interarrival jitter (ms) and cumulative packets lost.</summary>
        public static void Write(string path, string title, IReadOnlyList<double> seconds,
            IReadOnlyList<double> jitterMs, IReadOnlyList<double> lost)
        {
            const int width = 800, panel = 200, margin = 50;
            var svg = new StringBuilder();
            svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(width).Append("\" height=\"").Append(2 * panel + 3 * margin)
               .Append("\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            svg.Append("<text x=\"").Append(margin).Append("\" y=\"20\" font-size=\"14\">").Append(Escape(title)).Append("</text>\n");
            Panel(svg, margin, margin, width - 2 * margin, panel, seconds, jitterMs, "interarrival jitter (ms)", "#1f77b4");
            Panel(svg, margin, 2 * margin + panel, width - 2 * margin, panel, seconds, lost, "packets lost (cumulative)", "#d62728");
            svg.Append("</svg>\n");
            File.WriteAllText(path, svg.ToString());
        }

        private static void Panel(StringBuilder svg, int x0, int y0, int w, int h, IReadOnlyList<double> xs, IReadOnlyList<double> ys, string label, string color)
        {
            double xMax = 1, yMax = 1;
            foreach (double x in xs) xMax = Math.Max(xMax, x);
            foreach (double y in ys) yMax = Math.Max(yMax, y);
            yMax = Math.Ceiling(yMax * 1.2);
            svg.Append("<rect x=\"").Append(x0).Append("\" y=\"").Append(y0).Append("\" width=\"").Append(w).Append("\" height=\"").Append(h)
               .Append("\" fill=\"none\" stroke=\"#888\"/>\n");
            svg.Append("<text x=\"").Append(x0 + 5).Append("\" y=\"").Append(y0 + 15).Append("\">").Append(Escape(label))
               .Append(" — max ").Append(F(yMax)).Append("</text>\n");
            svg.Append("<text x=\"").Append(x0 + w - 60).Append("\" y=\"").Append(y0 + h + 15).Append("\">").Append(F(xMax)).Append(" s</text>\n");
            svg.Append("<polyline fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"1.5\" points=\"");
            for (int i = 0; i < xs.Count && i < ys.Count; i++)
            {
                double px = x0 + xs[i] / xMax * w, py = y0 + h - ys[i] / yMax * h;
                svg.Append(F(px)).Append(',').Append(F(py)).Append(' ');
            }
            svg.Append("\"/>\n");
        }

        private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
