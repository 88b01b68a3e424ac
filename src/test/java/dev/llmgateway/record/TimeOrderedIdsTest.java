package dev.llmgateway.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsMadeLaterSortAfterEarlierOnesAsText() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(TimeOrderedIds.uuid());
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void compactIdsAreThirtyTwoHexDigitsInTimeOrder() {
        String first = TimeOrderedIds.compact();
        String second = TimeOrderedIds.compact();
        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(second).isGreaterThan(first);
    }
}
