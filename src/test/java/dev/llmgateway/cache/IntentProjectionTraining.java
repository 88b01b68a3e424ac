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
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Fits the semantic cache's {@link IntentProjection} and writes its model file; run by
 * {@code bin/train-intent-projection}. Linear discriminant analysis over the all-MiniLM-L6-v2 embeddings of
 * CLINC150's training utterances (150 intents, 100 each): the within-intent scatter, ridged by {@value #RIDGE}, is
 * whitened, and the {@value #DIMENSIONS} directions along which the intents' means spread most are kept. The
 * threshold is calibrated on the validation split, which no fit saw: for every utterance, a random utterance of its
 * intent and the nearest utterance (by embedding) of another intent; the threshold is the lowest that serves at most
 * {@value #MAX_NEAREST_OTHER_INTENT_SERVED} of the nearest other-intent pairs (without the near-miss guard, which
 * refuses more). CLINC150's test split, which the public evaluation samples, is not read. Eigendecompositions and a
 * seeded pairing: the same data gives the same model.
 */
public final class IntentProjectionTraining {

    static final double RIDGE = 0.001;
    static final int DIMENSIONS = 50;
    static final double MAX_NEAREST_OTHER_INTENT_SERVED = 0.0015;
    private static final Path EMBEDDINGS = Path.of("target/intent-training-embeddings.ser");

    record Utterance(String text, String intent, float[] vector) {
    }

    private IntentProjectionTraining() {
    }

    /** Arguments: CLINC150's data_full.json (github.com/clinc/oos-eval, data/), the model file to write. */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Path out = Path.of(args.length > 1 ? args[1]
                : "processors/resources/dev/llmgateway/cache/intent-projection.json");
        JsonNode splits = new ObjectMapper().readTree(data.toFile());
        Map<String, float[]> known = readEmbeddings();
        List<Utterance> train;
        List<Utterance> validation;
        try (LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder()) {
            train = embed(splits.get("train"), embedder, known);
            validation = embed(splits.get("val"), embedder, known);
        }
        writeEmbeddings(known);
        double[] mean = new double[LocalMiniLmEmbedder.DIMENSIONS];
        float[][] rows = fit(train, mean);
        IntentProjection fitted = new IntentProjection("all-minilm-l6-v2", toFloats(mean), rows, 1);
        Map<String, Object> calibration = calibrate(validation, fitted);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("about", "Intent projection of camel-llm-gateway's semantic cache: linear discriminant analysis of "
                + "all-MiniLM-L6-v2 embeddings (ridge " + RIDGE + " on the within-intent scatter, the " + DIMENSIONS
                + " most discriminating directions); projected = rows x (embedding - mean), compared by cosine");
        model.put("embedder", "all-minilm-l6-v2");
        model.put("threshold", calibration.get("threshold"));
        model.put("calibration", calibration);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("data", "CLINC150 (Larson et al., 2019), github.com/clinc/oos-eval data/data_full.json at "
                + "commit 828f8093932c8fe6ca7936c3d2e52903b1c523de, license CC BY 3.0");
        provenance.put("fitted on", "the train split: " + train.size() + " utterances of 150 intents");
        provenance.put("calibrated on", "the val split: " + validation.size() + " utterances");
        provenance.put("not read", "the test split (the public evaluation's cache pairs are sampled from it) and the "
                + "out-of-scope utterances");
        provenance.put("trainer", "bin/train-intent-projection (dev.llmgateway.cache.IntentProjectionTraining)");
        model.put("provenance", provenance);
        model.put("mean", toFloats(mean));
        model.put("rows", rows);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), model);
        System.out.printf("threshold %s; wrote %s%n", calibration.get("threshold"), out);
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

    /** The lowest threshold (in steps of 0.005) within the validation split's rate; the figures at it. */
    static Map<String, Object> calibrate(List<Utterance> validation, IntentProjection projection) {
        Random random = new Random(1);
        int n = validation.size();
        double rawThreshold = CacheSettings.defaults().threshold();
        double[] sameRaw = new double[n];
        double[] sameIntent = new double[n];
        double[] otherRaw = new double[n];
        double[] otherIntent = new double[n];
        float[][] projected = validation.stream().map(u -> projection.project(u.vector())).toArray(float[][]::new);
        for (int i = 0; i < n; i++) {
            Utterance u = validation.get(i);
            List<Integer> same = new ArrayList<>();
            int nearest = -1;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                if (validation.get(j).intent().equals(u.intent())) {
                    same.add(j);
                } else if (nearest < 0 || Vectors.dot(u.vector(), validation.get(j).vector())
                        > Vectors.dot(u.vector(), validation.get(nearest).vector())) {
                    nearest = j;
                }
            }
            int partner = same.get(random.nextInt(same.size()));
            sameRaw[i] = Vectors.dot(u.vector(), validation.get(partner).vector());
            sameIntent[i] = Vectors.dot(projected[i], projected[partner]);
            otherRaw[i] = Vectors.dot(u.vector(), validation.get(nearest).vector());
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

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
