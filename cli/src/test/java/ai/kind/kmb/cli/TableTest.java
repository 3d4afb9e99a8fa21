package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsArePaddedToTheWidestCellWithNumbersOnTheRight() {
        Table table = new Table().left("TOPIC").right("COUNT").left("LAST").row("a.b", 7, null).row("orders.created", 1200, "x");

        assertThat(table.lines()).containsExactly(
                "TOPIC           COUNT  LAST",
                "a.b                 7  -",
                "orders.created   1200  x");
    }
}
