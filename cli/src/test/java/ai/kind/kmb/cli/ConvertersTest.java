package ai.kind.kmb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.StartPosition;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.replay.ReplaySpeed;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

    @Test
    void durationsAreWrittenShortOrInIso() {
        assertThat(Converters.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Converters.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Converters.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Converters.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Converters.duration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Converters.duration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> Converters.duration("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void durationsReadBackAsPeopleWriteThem() {
        assertThat(Converters.text(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(Converters.text(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Converters.text(Duration.ofMinutes(2))).isEqualTo("2m");
    }

    @Test
    void timesAreRfc3339OrAnAmountAgo() {
        assertThat(Converters.time("2026-01-05T10:00:00+01:00")).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        Instant fifteenMinutesAgo = Converters.time("15m");
        assertThat(Duration.between(fifteenMinutesAgo, Instant.now())).isBetween(Duration.ofMinutes(15),
                Duration.ofMinutes(16));
        assertThatThrownBy(() -> Converters.time("yesterday")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void tailStartPositionsIncludeATimeAgo() {
        Converters.StartConverter start = new Converters.StartConverter();

        assertThat(start.convert("earliest")).isEqualTo(StartPosition.EARLIEST);
        assertThat(start.convert("42")).isEqualTo(new StartPosition.AtOffset(42));
        assertThat(start.convert("10m")).isInstanceOf(StartPosition.AtTime.class);
        assertThatThrownBy(() -> start.convert("later")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void speedsAndReasonsAreTheWireForms() {
        assertThat(new Converters.SpeedConverter().convert("max")).isEqualTo(ReplaySpeed.AS_FAST_AS_POSSIBLE);
        assertThat(new Converters.SpeedConverter().convert("2x")).isEqualTo(ReplaySpeed.times(2));
        assertThatThrownBy(() -> new Converters.SpeedConverter().convert("0")).isInstanceOf(TypeConversionException.class);
        assertThat(new Converters.ReasonConverter().convert("max_deliveries")).isEqualTo(DeathReason.MAX_DELIVERIES);
        assertThatThrownBy(() -> new Converters.ReasonConverter().convert("bored"))
                .hasMessageContaining("rejected, max_deliveries");
    }
}
