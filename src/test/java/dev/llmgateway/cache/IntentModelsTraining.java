package dev.llmgateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Fits the semantic cache's intent models and writes their files; run by {@code bin/train-intent-models}. Both read
 * the all-MiniLM-L6-v2 embeddings of CLINC150's training utterances (150 intents, 100 each).
 * <ul>
 * <li>{@link IntentProjection}: linear discriminant analysis: the within-intent scatter, ridged by {@value #RIDGE},
 * is whitened, and the {@value #DIMENSIONS} directions along which the intents' means spread most are kept. Its
 * threshold is the lowest that serves at most {@value #MAX_NEAREST_OTHER_INTENT_SERVED} of the validation split's
 * nearest other-intent pairs (without the near-miss guard, which refuses more).</li>
 * <li>{@link IntentClassifier}: a softmax regression over the 150 intents and out of scope (CLINC150's 100
 * out-of-scope training utterances), L2 penalty {@value #CLASSIFIER_L2}. Its threshold is the lowest at which,
 * scoring the training split out of {@value #FOLDS} folds, it adds at most {@value #MAX_NEAREST_OTHER_INTENT_ADDED}
 * of its nearest other-intent pairs to those the embedding and the projection already bring through the near-miss
 * guard.</li>
 * </ul>
 * The pairs: for every utterance, a random utterance of its intent and the nearest utterance (by embedding) of
 * another intent of the same split. CLINC150's test split, which the public evaluation samples, is not read.
 * Eigendecompositions, seeded batches and a seeded pairing: the same data gives the same models.
 */
public final class IntentModelsTraining {

    static final double RIDGE = 0.001;
    static final int DIMENSIONS = 50;
    static final double MAX_NEAREST_OTHER_INTENT_SERVED = 0.0015;
    static final double CLASSIFIER_L2 = 1e-5;
    static final int FOLDS = 5;
    static final double MAX_NEAREST_OTHER_INTENT_ADDED = 0.0005;
    private static final String OUT_OF_SCOPE = "oos";
    private static final String DATA = "CLINC150 (Larson et al., 2019), github.com/clinc/oos-eval data/data_full.json "
            + "at commit 828f8093932c8fe6ca7936c3d2e52903b1c523de, license CC BY 3.0";
    private static final Path EMBEDDINGS = Path.of("target/intent-training-embeddings.ser");

    record Utterance(String text, String intent, float[] vector) {
    }

    /** For each validation utterance, the index of a random one of its intent and of the nearest of another. */
    record Pairs(int[] partner, int[] nearest) {
    }

    private IntentModelsTraining() {
    }

    /** Arguments: CLINC150's data_full.json (github.com/clinc/oos-eval, data/), the folder to write the models to. */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Path out = Path.of(args.length > 1 ? args[1] : "processors/resources/dev/llmgateway/cache");
        JsonNode splits = new ObjectMapper().readTree(data.toFile());
        Map<String, float[]> known = readEmbeddings();
        List<Utterance> train;
        List<Utterance> outOfScope;
        List<Utterance> validation;
        try (LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder()) {
            train = embed(splits.get("train"), embedder, known);
            outOfScope = embed(splits.get("oos_train"), embedder, known);
            validation = embed(splits.get("val"), embedder, known);
        }
        writeEmbeddings(known);
        Pairs pairs = pairs(validation);
        double[] mean = new double[LocalMiniLmEmbedder.DIMENSIONS];
        float[][] rows = fit(train, mean);
        Map<String, Object> calibration = calibrate(validation, pairs,
                new IntentProjection("all-minilm-l6-v2", toFloats(mean), rows, 1));
        IntentProjection projection = new IntentProjection("all-minilm-l6-v2", toFloats(mean), rows,
                (Double) calibration.get("threshold"));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("about", "Intent projection of camel-llm-gateway's semantic cache: linear discriminant analysis of "
                + "all-MiniLM-L6-v2 embeddings (ridge " + RIDGE + " on the within-intent scatter, the " + DIMENSIONS
                + " most discriminating directions); projected = rows x (embedding - mean), compared by cosine");
        model.put("embedder", "all-minilm-l6-v2");
        model.put("threshold", calibration.get("threshold"));
        model.put("calibration", calibration);
        model.put("provenance", provenance(train.size() + " utterances of 150 intents", validation.size(),
                "the out-of-scope utterances"));
        model.put("mean", toFloats(mean));
        model.put("rows", rows);
        write(model, out.resolve("intent-projection.json"));

        List<String> intents = train.stream().map(Utterance::intent).distinct().sorted().toList();
        SoftmaxRegression.Fit fitted = fitClassifier(train, outOfScope, intents);
        IntentClassifier classifier = new IntentClassifier("all-minilm-l6-v2", fitted.weights(), fitted.biases(), 1);
        Map<String, Object> classifierCalibration = calibrate(train, outOfFoldIntents(train, outOfScope, intents),
                validation, pairs, projection, classifier);
        Map<String, Object> classifierModel = new LinkedHashMap<>();
        classifierModel.put("about", "Intent classifier of camel-llm-gateway's semantic cache: softmax regression of "
                + "all-MiniLM-L6-v2 embeddings over CLINC150's 150 intents and out of scope (the last row; L2 "
                + CLASSIFIER_L2 + "); two requests ask the same when the probability that both are the same known "
                + "intent, sum over intents of p1 x p2, reaches the threshold");
        classifierModel.put("embedder", "all-minilm-l6-v2");
        classifierModel.put("threshold", classifierCalibration.get("threshold"));
        classifierModel.put("calibration", classifierCalibration);
        classifierModel.put("provenance", provenance(train.size() + " utterances of 150 intents and "
                + outOfScope.size() + " out-of-scope utterances", validation.size(), "the other out-of-scope splits"));
        classifierModel.put("intents", intents);
        classifierModel.put("biases", fitted.biases());
        classifierModel.put("weights", fitted.weights());
        write(classifierModel, out.resolve("intent-classifier.json"));
        System.out.printf("projection threshold %s, classifier threshold %s; wrote %s%n", calibration.get("threshold"),
                classifierCalibration.get("threshold"), out);
    }

    private static Map<String, String> provenance(String fittedOn, int validated, String notRead) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("data", DATA);
        provenance.put("fitted on", "the train split: " + fittedOn);
        provenance.put("calibrated on", "the val split: " + validated + " utterances");
        provenance.put("not read", "the test split (the public evaluation's cache pairs are sampled from it) and "
                + notRead);
        provenance.put("trainer", "bin/train-intent-models (dev.llmgateway.cache.IntentModelsTraining)");
        return provenance;
    }

    private static void write(Map<String, Object> model, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), model);
    }

    private static List<Utterance> embed(JsonNode split, Embedder embedder, Map<String, float[]> known) {
        List<Utterance> utterances = new ArrayList<>();
        for (JsonNode row : split) {
            String text = row.get(0).asText();
            utterances.add(new Utterance(text, row.get(1).asText(), known.computeIfAbsent(text, embedder::embed)));
            if (utterances.size() % 1000 == 0) {
                System.out.printf("embedded %d of %d%n", utterances.size(), split.size());
            }
        }
        return utterances;
    }

    /** @return the vectors of an earlier run, kept in target/ (embedding is the slow part), by text */
    @SuppressWarnings("unchecked")
    private static Map<String, float[]> readEmbeddings() throws IOException {
        if (!Files.exists(EMBEDDINGS)) {
            return new HashMap<>();
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(EMBEDDINGS))) {
            return (Map<String, float[]>) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    private static void writeEmbeddings(Map<String, float[]> known) throws IOException {
        Files.createDirectories(EMBEDDINGS.getParent());
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(EMBEDDINGS))) {
            out.writeObject(new HashMap<>(known));
        }
    }

    /** Fills the mean of all utterances; @return the projection's rows, one per kept direction. */
    static float[][] fit(List<Utterance> train, double[] mean) {
        int dims = mean.length;
        Map<String, double[]> intentMeans = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Utterance u : train) {
            double[] sum = intentMeans.computeIfAbsent(u.intent(), i -> new double[dims]);
            counts.merge(u.intent(), 1, Integer::sum);
            for (int i = 0; i < dims; i++) {
                sum[i] += u.vector()[i];
                mean[i] += u.vector()[i] / train.size();
            }
        }
        intentMeans.forEach((intent, sum) -> {
            for (int i = 0; i < dims; i++) {
                sum[i] /= counts.get(intent);
            }
        });
        double[][] within = new double[dims][dims];
        double[] d = new double[dims];
        for (Utterance u : train) {
            double[] intentMean = intentMeans.get(u.intent());
            for (int i = 0; i < dims; i++) {
                d[i] = u.vector()[i] - intentMean[i];
            }
            addOuter(within, d, 1.0 / train.size());
        }
        for (int i = 0; i < dims; i++) {
            within[i][i] += RIDGE;
        }
        EigenDecomposition w = new EigenDecomposition(MatrixUtils.createRealMatrix(within));
        double[] inverseRoots = w.getRealEigenvalues().clone();
        for (int i = 0; i < inverseRoots.length; i++) {
            inverseRoots[i] = 1 / Math.sqrt(inverseRoots[i]);
        }
        RealMatrix whitening = w.getV().multiply(MatrixUtils.createRealDiagonalMatrix(inverseRoots))
                .multiply(w.getVT());
        // The directions along which the whitened intent means spread most: the means' right singular vectors.
        double[][] centeredMeans = new double[intentMeans.size()][];
        int m = 0;
        for (double[] intentMean : intentMeans.values()) {
            centeredMeans[m] = new double[dims];
            for (int i = 0; i < dims; i++) {
                centeredMeans[m][i] = intentMean[i] - mean[i];
            }
            m++;
        }
        RealMatrix spread = new SingularValueDecomposition(MatrixUtils.createRealMatrix(centeredMeans)
                .multiply(whitening)).getV();
        float[][] rows = new float[DIMENSIONS][];
        for (int r = 0; r < DIMENSIONS; r++) {
            rows[r] = toFloats(whitening.operate(spread.getColumn(r)));
        }
        return rows;
    }

    private static void addOuter(double[][] sum, double[] d, double weight) {
        for (int i = 0; i < d.length; i++) {
            double di = d[i] * weight;
            for (int j = 0; j < d.length; j++) {
                sum[i][j] += di * d[j];
            }
        }
    }

    /** Pairs each utterance with a random one of its intent and the nearest one (by embedding) of another intent. */
    static Pairs pairs(List<Utterance> utterances) {
        int n = utterances.size();
        int[] nearest = IntStream.range(0, n).parallel().map(i -> nearestOtherIntent(utterances, i)).toArray();
        Random random = new Random(1);
        int[] partner = new int[n];
        for (int i = 0; i < n; i++) {
            String intent = utterances.get(i).intent();
            List<Integer> same = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i && utterances.get(j).intent().equals(intent)) {
                    same.add(j);
                }
            }
            partner[i] = same.get(random.nextInt(same.size()));
        }
        return new Pairs(partner, nearest);
    }

    private static int nearestOtherIntent(List<Utterance> utterances, int i) {
        Utterance u = utterances.get(i);
        int nearest = -1;
        double closest = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < utterances.size(); j++) {
            if (!utterances.get(j).intent().equals(u.intent())) {
                double similarity = Vectors.dot(u.vector(), utterances.get(j).vector());
                if (similarity > closest) {
                    closest = similarity;
                    nearest = j;
                }
            }
        }
        return nearest;
    }

    /** The projection's lowest threshold (in steps of 0.005) within the validation split's rate; the figures at it. */
    static Map<String, Object> calibrate(List<Utterance> validation, Pairs pairs, IntentProjection projection) {
        int n = validation.size();
        double rawThreshold = CacheSettings.defaults().threshold();
        double[] sameRaw = new double[n];
        double[] sameIntent = new double[n];
        double[] otherRaw = new double[n];
        double[] otherIntent = new double[n];
        float[][] projected = validation.stream().map(u -> projection.project(u.vector())).toArray(float[][]::new);
        for (int i = 0; i < n; i++) {
            int partner = pairs.partner()[i];
            int nearest = pairs.nearest()[i];
            sameRaw[i] = Vectors.dot(validation.get(i).vector(), validation.get(partner).vector());
            sameIntent[i] = Vectors.dot(projected[i], projected[partner]);
            otherRaw[i] = Vectors.dot(validation.get(i).vector(), validation.get(nearest).vector());
            otherIntent[i] = Vectors.dot(projected[i], projected[nearest]);
        }
        for (int step = 180; step <= 200; step++) {
            double threshold = step * 0.005;
            int sameServed = 0;
            int otherServed = 0;
            int sameByEmbedding = 0;
            for (int i = 0; i < n; i++) {
                sameServed += sameRaw[i] >= rawThreshold || sameIntent[i] >= threshold ? 1 : 0;
                otherServed += otherRaw[i] >= rawThreshold || otherIntent[i] >= threshold ? 1 : 0;
                sameByEmbedding += sameRaw[i] >= rawThreshold ? 1 : 0;
            }
            System.out.printf("threshold %.3f: same-intent pairs served %.1f%% (%.1f%% by the embedding alone), "
                    + "nearest other-intent pairs served %d of %d%n", threshold, 100.0 * sameServed / n,
                    100.0 * sameByEmbedding / n, otherServed, n);
            if (otherServed <= MAX_NEAREST_OTHER_INTENT_SERVED * n) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("threshold", Math.round(threshold * 1000) / 1000.0);
                figures.put("basis", "the lowest threshold (steps of 0.005) at which at most "
                        + MAX_NEAREST_OTHER_INTENT_SERVED * 100 + "% of the validation split's nearest other-intent "
                        + "pairs are served, by the embedding at " + rawThreshold + " or by this projection, without "
                        + "the near-miss guard");
                figures.put("validation same-intent pairs served", sameServed + " of " + n);
                figures.put("of which by the embedding alone", sameByEmbedding + " of " + n);
                figures.put("validation nearest other-intent pairs served", otherServed + " of " + n);
                return figures;
            }
        }
        throw new IllegalStateException("no threshold keeps the nearest other-intent pairs apart");
    }

    /** Fits the softmax regression: one class per intent, in the given order, then out of scope. */
    static SoftmaxRegression.Fit fitClassifier(List<Utterance> train, List<Utterance> outOfScope,
                                                List<String> intents) {
        List<float[]> examples = new ArrayList<>();
        int[] labels = new int[train.size() + outOfScope.size()];
        for (Utterance u : train) {
            labels[examples.size()] = intents.indexOf(u.intent());
            examples.add(u.vector());
        }
        for (Utterance u : outOfScope) {
            labels[examples.size()] = intents.size();
            examples.add(u.vector());
        }
        return SoftmaxRegression.fit(examples, labels, intents.size() + 1, CLASSIFIER_L2);
    }

    /**
     * @return for every training utterance, the probabilities of the known intents by a classifier fitted on the other
     * {@value #FOLDS} folds (utterance i is in fold i mod {@value #FOLDS}) and the out-of-scope utterances
     */
    static double[][] outOfFoldIntents(List<Utterance> train, List<Utterance> outOfScope, List<String> intents) {
        double[][] known = new double[train.size()][];
        for (int fold = 0; fold < FOLDS; fold++) {
            int held = fold;
            List<Utterance> rest = IntStream.range(0, train.size()).filter(i -> i % FOLDS != held)
                    .mapToObj(train::get).toList();
            SoftmaxRegression.Fit fit = fitClassifier(rest, outOfScope, intents);
            IntentClassifier classifier = new IntentClassifier("all-minilm-l6-v2", fit.weights(), fit.biases(), 1);
            for (int i = held; i < train.size(); i += FOLDS) {
                known[i] = classifier.knownIntents(train.get(i).vector());
            }
            System.out.printf("fold %d of %d fitted%n", fold + 1, FOLDS);
        }
        return known;
    }

    /**
     * The classifier's lowest threshold (steps of 0.005 from 0.5) at which it adds at most {@value
     * #MAX_NEAREST_OTHER_INTENT_ADDED} of the training split's nearest other-intent pairs, scored out of fold, to those
     * that pass the near-miss guard and are close by the embedding or the projection already. The training split is
     * five times the validation split, so its nearest other-intent utterances are as close as those of a large
     * cache; the validation split's figures at that threshold are reported as a check.
     */
    static Map<String, Object> calibrate(List<Utterance> train, double[][] outOfFold, List<Utterance> validation,
                                         Pairs validationPairs, IntentProjection projection,
                                         IntentClassifier classifier) {
        PairScores trainScores = PairScores.of(train, pairs(train), outOfFold, projection);
        for (int step = 100; step <= 200; step++) {
            double threshold = step * 0.005;
            int added = trainScores.otherServed(threshold) - trainScores.otherServed(Double.POSITIVE_INFINITY);
            System.out.printf("classifier threshold %.3f: adds %d of %d nearest other-intent pairs%n", threshold,
                    added, train.size());
            if (added <= MAX_NEAREST_OTHER_INTENT_ADDED * train.size()) {
                double[][] known = validation.stream().map(u -> classifier.knownIntents(u.vector()))
                        .toArray(double[][]::new);
                PairScores validationScores = PairScores.of(validation, validationPairs, known, projection);
                int n = validation.size();
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("threshold", Math.round(threshold * 1000) / 1000.0);
                figures.put("basis", "the lowest threshold (steps of 0.005) at which the classifier, scoring out of "
                        + FOLDS + " folds, adds at most " + MAX_NEAREST_OTHER_INTENT_ADDED * 100 + "% of the "
                        + "training split's nearest other-intent pairs to those served through the near-miss guard "
                        + "by the embedding at " + CacheSettings.defaults().threshold() + " or the projection at "
                        + projection.threshold());
                figures.put("training nearest other-intent pairs added", added + " of " + train.size());
                figures.put("training accuracy out of fold (most probable class)",
                        trainScores.correct() + " of " + train.size());
                figures.put("validation accuracy (most probable class)", validationScores.correct() + " of " + n);
                figures.put("validation same-intent pairs served with the guard", validationScores.sameServed(threshold)
                        + " of " + n + " (without the classifier " + validationScores.sameServed(Double.POSITIVE_INFINITY)
                        + ")");
                figures.put("validation nearest other-intent pairs served with the guard",
                        validationScores.otherServed(threshold) + " of " + n + " (without the classifier "
                                + validationScores.otherServed(Double.POSITIVE_INFINITY) + ")");
                return figures;
            }
        }
        throw new IllegalStateException("no classifier threshold keeps the nearest other-intent pairs apart");
    }

    /**
     * Each utterance's pairs scored: NaN when the guard refuses the pair, infinity when the embedding or the
     * projection bring it close, else the classifier's probability that both are the same known intent.
     */
    record PairScores(double[] same, double[] other, int correct) {

        static PairScores of(List<Utterance> utterances, Pairs pairs, double[][] known, IntentProjection projection) {
            NearMissGuard guard = new NearMissGuard();
            double rawThreshold = CacheSettings.defaults().threshold();
            float[][] projected = utterances.stream().map(u -> projection.project(u.vector()))
                    .toArray(float[][]::new);
            int n = utterances.size();
            double[] same = new double[n];
            double[] other = new double[n];
            List<String> intents = utterances.stream().map(Utterance::intent).distinct().sorted().toList();
            int correct = 0;
            for (int i = 0; i < n; i++) {
                same[i] = score(utterances, projected, known, i, pairs.partner()[i], rawThreshold, projection, guard);
                other[i] = score(utterances, projected, known, i, pairs.nearest()[i], rawThreshold, projection, guard);
                correct += intents.get(argMax(known[i])).equals(utterances.get(i).intent()) ? 1 : 0;
            }
            return new PairScores(same, other, correct);
        }

        int sameServed(double threshold) {
            return served(same, threshold);
        }

        int otherServed(double threshold) {
            return served(other, threshold);
        }

        private static int served(double[] scores, double threshold) {
            int served = 0;
            for (double score : scores) {
                served += score >= threshold ? 1 : 0;
            }
            return served;
        }
    }

    private static double score(List<Utterance> validation, float[][] projected, double[][] known, int i,
                                          int j, double rawThreshold, IntentProjection projection, NearMissGuard guard) {
        if (!passesGuard(guard, validation.get(i).text(), validation.get(j).text())) {
            return Double.NaN;
        }
        if (Vectors.dot(validation.get(i).vector(), validation.get(j).vector()) >= rawThreshold
                || Vectors.dot(projected[i], projected[j]) >= projection.threshold()) {
            return Double.POSITIVE_INFINITY;
        }
        return IntentClassifier.sameIntent(known[i], known[j]);
    }

    private static boolean passesGuard(NearMissGuard guard, String query, String cached) {
        try {
            return guard.disagreement(QueryFacts.of(query), QueryFacts.of(cached)).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            best = values[k] > values[best] ? k : best;
        }
        return best;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
