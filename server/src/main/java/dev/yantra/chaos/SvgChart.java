package dev.yantra.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart over the run's seconds, drawn as SVG on the server (the report has no script and no external
 * asset): named series of points, fault intervals shaded behind them, axes with a few ticks.
 */
final class SvgChart {
    static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"};
    private static final int W = 900;
    private static final int H = 200;
    private static final int LEFT = 55;
    private static final int RIGHT = 10;
    private static final int TOP = 22;
    private static final int BOTTOM = 25;

    record Series(String name, double[] values) {
    }

    record Band(double fromS, double toS, String label) {
    }

    private final String title;
    private final double seconds;
    private final List<Series> series = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private Double fixedMax;

    SvgChart(String title, double seconds) {
        this.title = title;
        this.seconds = Math.max(1, seconds);
    }

    SvgChart series(String name, double[] values) {
        series.add(new Series(name, values));
        return this;
    }

    SvgChart band(double fromS, double toS, String label) {
        bands.add(new Band(fromS, toS, label));
        return this;
    }

    SvgChart max(double max) {
        fixedMax = max;
        return this;
    }

    String render() {
        double max = fixedMax != null ? fixedMax : series.stream().flatMap(s -> java.util.Arrays.stream(s.values()).boxed())
                .filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(1);
        if (max <= 0) max = 1;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" role=\"img\">");
        b.append("<text x=\"").append(LEFT).append("\" y=\"14\" font-size=\"13\" font-weight=\"bold\">").append(esc(title)).append("</text>");
        for (Band band : bands) {
            double x1 = x(band.fromS());
            double x2 = Math.max(x1 + 1.5, x(band.toS()));
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f4a582\" fill-opacity=\"0.35\">"
                    + "<title>%s</title></rect>", x1, TOP, x2 - x1, H - TOP - BOTTOM, esc(band.label())));
        }
        // axes and ticks
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", LEFT, TOP, LEFT, H - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = y(v, max);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y, W - RIGHT, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", LEFT - 4, y + 3, num(v)));
        }
        int step = niceStep(seconds);
        for (int s = 0; s <= seconds; s += step) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%ds</text>", x(s), H - 8, s));
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder path = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            double[] v = s.values();
            boolean pen = false;
            for (int t = 0; t < v.length; t++) {
                if (Double.isNaN(v[t])) {
                    pen = false;
                    continue;
                }
                String at = String.format(Locale.ROOT, "%.1f %.1f", x(t), y(Math.min(v[t], max), max));
                path.append(pen ? " L" : " M").append(at);
                // a sample with no neighbour draws no line: a dot shows it
                if (!pen && (t + 1 >= v.length || Double.isNaN(v[t + 1]))) {
                    String[] xy = at.split(" ");
                    dots.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"2\" fill=\"").append(colour).append("\"/>");
                }
                pen = true;
            }
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\"/>").append(dots);
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"11\" fill=\"%s\">%s</text>",
                    W - RIGHT - 150 * (series.size() - i), colour, esc(s.name())));
        }
        return b.append("</svg>").toString();
    }

    private double x(double s) {
        return LEFT + (W - LEFT - RIGHT) * s / seconds;
    }

    private double y(double v, double max) {
        return H - BOTTOM - (H - TOP - BOTTOM) * v / max;
    }

    private static int niceStep(double seconds) {
        for (int s : new int[]{5, 10, 30, 60, 120, 300, 600, 1800}) {
            if (seconds / s <= 12) return s;
        }
        return 3600;
    }

    private static String num(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
