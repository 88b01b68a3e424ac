package dev.llmgateway.cache;

import java.util.List;
import java.util.Random;

/**
 * L2-regularized softmax regression fitted by mini-batch Adam on centered features from zero weights, the batches in
 * a seeded order: the same data gives the same model. The weights returned apply to the raw features.
 */
final class SoftmaxRegression {

    private static final int EPOCHS = 40;
    private static final int BATCH = 256;
    private static final double LEARNING_RATE = 0.01;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    /** One row of weights per class, and the classes' biases. */
    record Fit(float[][] weights, float[] biases) {
    }

    private SoftmaxRegression() {
    }

    /**
     * @param labels each example's class, 0 to classes - 1
     * @param lambda the L2 penalty on the weights
     */
    static Fit fit(List<float[]> examples, int[] labels, int classes, double lambda) {
        int n = examples.size();
        int dims = examples.get(0).length;
        double[] mean = new double[dims];
        for (float[] x : examples) {
            for (int i = 0; i < dims; i++) {
                mean[i] += x[i] / (double) n;
            }
        }
        double[][] w = new double[classes][dims];
        double[] b = new double[classes];
        double[][] mw = new double[classes][dims];
        double[][] vw = new double[classes][dims];
        double[] mb = new double[classes];
        double[] vb = new double[classes];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(1);
        double[] x = new double[dims];
        double[] p = new double[classes];
        int step = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            shuffle(order, random);
            for (int start = 0; start < n; start += BATCH) {
                int end = Math.min(n, start + BATCH);
                double[][] gw = new double[classes][dims];
                double[] gb = new double[classes];
                for (int e = start; e < end; e++) {
                    float[] raw = examples.get(order[e]);
                    for (int i = 0; i < dims; i++) {
                        x[i] = raw[i] - mean[i];
                    }
                    probabilities(w, b, x, p);
                    p[labels[order[e]]] -= 1;
                    for (int k = 0; k < classes; k++) {
                        double g = p[k] / (end - start);
                        gb[k] += g;
                        for (int i = 0; i < dims; i++) {
                            gw[k][i] += g * x[i];
                        }
                    }
                }
                step++;
                double correction1 = 1 - Math.pow(BETA1, step);
                double correction2 = 1 - Math.pow(BETA2, step);
                for (int k = 0; k < classes; k++) {
                    for (int i = 0; i < dims; i++) {
                        double g = gw[k][i] + lambda * w[k][i];
                        mw[k][i] = BETA1 * mw[k][i] + (1 - BETA1) * g;
                        vw[k][i] = BETA2 * vw[k][i] + (1 - BETA2) * g * g;
                        w[k][i] -= LEARNING_RATE * (mw[k][i] / correction1)
                                / (Math.sqrt(vw[k][i] / correction2) + EPSILON);
                    }
                    mb[k] = BETA1 * mb[k] + (1 - BETA1) * gb[k];
                    vb[k] = BETA2 * vb[k] + (1 - BETA2) * gb[k] * gb[k];
                    b[k] -= LEARNING_RATE * (mb[k] / correction1) / (Math.sqrt(vb[k] / correction2) + EPSILON);
                }
            }
        }
        float[][] weights = new float[classes][dims];
        float[] biases = new float[classes];
        for (int k = 0; k < classes; k++) {
            double bias = b[k];
            for (int i = 0; i < dims; i++) {
                weights[k][i] = (float) w[k][i];
                bias -= w[k][i] * mean[i];
            }
            biases[k] = (float) bias;
        }
        return new Fit(weights, biases);
    }

    private static void probabilities(double[][] w, double[] b, double[] x, double[] p) {
        for (int k = 0; k < w.length; k++) {
            double z = b[k];
            for (int i = 0; i < x.length; i++) {
                z += w[k][i] * x[i];
            }
            p[k] = z;
        }
        IntentClassifier.softmax(p);
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
