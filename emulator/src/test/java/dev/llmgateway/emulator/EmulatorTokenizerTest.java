package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmulatorTokenizerTest {

    @Test
    void wordsCountOneTokenPerFourCharactersAndSymbolsOneEach() {
        assertThat(EmulatorTokenizer.count("")).isZero();
        assertThat(EmulatorTokenizer.count("   ")).isZero();
        assertThat(EmulatorTokenizer.count("cat")).isEqualTo(1);
        assertThat(EmulatorTokenizer.count("gate")).isEqualTo(1);
        assertThat(EmulatorTokenizer.count("gateway")).isEqualTo(2);
        assertThat(EmulatorTokenizer.count("Hello, world!")).isEqualTo(2 + 1 + 2 + 1);
        assertThat(EmulatorTokenizer.count("naïve café 42")).isEqualTo(2 + 1 + 1);
    }

    @Test
    void piecesAreOneTokenEachAndJoinBackToTheText() {
        String text = "  Extraordinary routes, said the gateway.\n";
        var pieces = EmulatorTokenizer.pieces(text);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).hasSize(EmulatorTokenizer.count(text));
        assertThat(pieces).allSatisfy(p -> assertThat(EmulatorTokenizer.count(p)).isEqualTo(1));
        for (int i = 1; i <= pieces.size(); i++) {
            assertThat(EmulatorTokenizer.count(String.join("", pieces.subList(0, i)))).isEqualTo(i);
        }
    }
}
