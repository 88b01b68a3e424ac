package dev.llmgateway.cache;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which words name something. A capital letter inside a sentence marks a name; at the start of a sentence it
 * does only when the word is not one of the common words questions and instructions start with. Some names
 * people often type in lower case (programming languages, platforms) are names wherever they stand.
 */
final class EntityWords {

    private static final Set<String> COMMON_STARTERS = words(
            "what how why when where who whom whose which whats hows whys wheres whos is are was were am be been "
            + "do does did can could should would will shall may might must have has had i you we they he she it "
            + "my your our their his her its me us them the a an this that these those there here in on at for from "
            + "to of by with about as if so and or but then also please tell explain give list show describe write "
            + "summarize summarise compare define find help make create provide suggest recommend translate convert "
            + "calculate compute name let lets hey hi hello thanks thank ok okay yes no not any some all every each "
            + "other another one both either neither many much most more few less best good quick short brief simple "
            + "just now today since after before during while until instead again still according based given using "
            + "assuming suppose imagine consider generate draft rewrite rephrase fix check review identify outline plan "
            + "prepare propose build design implement debug set get put use add remove delete update change read send "
            + "open close start stop run install configure deploy walk guide teach show share need want looking "
            + "im ive id ill cant dont doesnt isnt arent wont shouldnt wouldnt couldnt didnt whats hows "
            + "could would quickly briefly roughly approximately exactly really actually basically generally "
            + "approx estimate determine evaluate assess analyze analyse discuss elaborate clarify detail "
            + "step steps okay so well now then first second next finally lastly also additionally moreover however "
            + "therefore thus hence yet though although because unless whether compose recommend share solve answer "
            + "estimate predict classify extract format correct proofread edit shorten expand paraphrase simplify "
            + "improve optimize optimise refactor brainstorm schedule remind book search look print count sort rank "
            + "pick choose select convince persuade tell");

    private static final Set<String> LOWER_CASE_NAMES = words(
            "python java javascript typescript kotlin scala ruby php perl golang rust c++ c# haskell elixir erlang "
            + "clojure objective-c matlab fortran cobol bash powershell sql mysql postgres postgresql sqlite "
            + "mongodb redis cassandra dynamodb elasticsearch kafka rabbitmq hadoop airflow docker "
            + "kubernetes k8s terraform ansible jenkins git github gitlab bitbucket aws azure gcp linux ubuntu debian "
            + "centos fedora macos ios android powerpoint slack jira confluence react "
            + "angular vue svelte django flask fastapi laravel node.js nodejs npm yarn pip maven "
            + "gradle numpy pandas pytorch tensorflow keras scikit-learn sklearn jupyter firefox "
            + "iphone ipad google microsoft facebook instagram twitter linkedin youtube netflix "
            + "uber tesla openai anthropic claude gpt chatgpt bedrock s3 ec2");

    private EntityWords() {
    }

    private static Set<String> words(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.split(" ")).collect(Collectors.toUnmodifiableSet());
    }

    static boolean isCommonStarter(String lower) {
        return COMMON_STARTERS.contains(lower);
    }

    static boolean isLowerCaseName(String lower) {
        return LOWER_CASE_NAMES.contains(lower);
    }
}
