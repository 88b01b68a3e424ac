package dev.llmgateway.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.GatewayException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplatesTest {

    private static PromptTemplate template(String user) {
        return new PromptTemplate(null, user, null, null, null, null);
    }

    private final PromptTemplates templates = new PromptTemplates(Map.of(
            "summarize", Map.of(1, template("v1 {{text}}"), 3, template("v3 {{text}}"))));

    @Test
    void aBareIdTakesTheLatestVersion() {
        assertThat(templates.resolve("summarize").reference()).isEqualTo("summarize@3");
        assertThat(templates.resolve("summarize@1").template().user()).startsWith("v1");
    }

    @Test
    void unknownIdsAndVersionsNameWhatExists() {
        assertThatThrownBy(() -> templates.resolve("translate")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("Known templates: summarize");
        assertThatThrownBy(() -> templates.resolve("summarize@2")).hasMessageContaining("Its versions: 1, 3");
        assertThatThrownBy(() -> templates.resolve("summarize@x")).hasMessageContaining("no version 'x'");
    }

    @Test
    void valuesAreInsertedOnceAsData() {
        String rendered = TemplateText.render("Say {{a}} then {{ b }}.", Map.of("a", "{{b}} and $1 \\", "b", "two"));

        assertThat(rendered).isEqualTo("Say {{b}} and $1 \\ then two.");
        assertThat(TemplateText.variables("{{a}} {{b}} {{a}} {{ c_1 }} {{not valid}}")).containsExactly("a", "b", "c_1");
    }
}
