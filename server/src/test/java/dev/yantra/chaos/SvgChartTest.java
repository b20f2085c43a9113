package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SvgChartTest {
    @Test
    void a_chart_shades_each_fault_draws_each_series_and_escapes_its_labels() {
        String svg = new SvgChart("Bets <per> second", 10).band(2, 4, "KILL9 node 1").band(6, 6, "instant")
                .series("accepted", new double[]{1, 2, 3, Double.NaN, 5, Double.NaN, 7, 8, 9, 10}).render();
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("Bets &lt;per&gt; second", "<title>KILL9 node 1</title>");
        assertThat(svg.split("<rect", -1)).as("one shaded band per fault").hasSize(3);
        assertThat(svg).as("a gap starts a new stroke").containsPattern("M[0-9. ]+ L[0-9. ]+ L[0-9. ]+ M");
        assertThat(svg.split("<circle", -1)).as("the lone sample at 4 s is a dot").hasSize(2);
        assertThat(svg).doesNotContain("NaN");
    }
}
