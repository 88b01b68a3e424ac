package dev.llmgateway.guard.injection;

import java.util.Arrays;
import java.util.List;

/**
 * L2-regularized logistic regression, the classes weighted to count equally. The features are standardized (each
 * dimension to mean 0 and variance 1 over the examples) and the fit is full-batch Adam from zero weights, so the
 * same data gives the same model; the weights returned apply to the raw features.
 */
final class LogisticRegression {

    private static final int ITERATIONS = 150;
    private static final double LEARNING_RATE = 0.05;

    record Example(float[] x, boolean positive) {
    }

    record Fit(double[] weights, double bias) {

        double logit(float[] x) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * x[i];
            }
            return z;
        }
    }

    private LogisticRegression() {
    }

    static Fit fit(List<Example> examples, double lambda) {
        int dims = examples.get(0).x().length;
        double[] mean = new double[dims];
        double[] scale = new double[dims];
        for (Example example : examples) {
            for (int i = 0; i < dims; i++) {
                mean[i] += example.x()[i] / (double) examples.size();
            }
        }
        for (Example example : examples) {
            for (int i = 0; i < dims; i++) {
                double d = example.x()[i] - mean[i];
                scale[i] += d * d / examples.size();
            }
        }
        for (int i = 0; i < dims; i++) {
            scale[i] = Math.sqrt(scale[i]) + 1e-6;
        }
        double[][] xs = new double[examples.size()][dims];
        for (int n = 0; n < xs.length; n++) {
            for (int i = 0; i < dims; i++) {
                xs[n][i] = (examples.get(n).x()[i] - mean[i]) / scale[i];
            }
        }
        ClassBalance balance = ClassBalance.of(examples.stream().filter(Example::positive).count(), examples.size());
        double[] w = new double[dims + 1];
        double[] gradient = new double[dims + 1];
        AdamSteps adam = new AdamSteps(dims + 1, LEARNING_RATE);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Arrays.fill(gradient, 0);
            for (int n = 0; n < xs.length; n++) {
                double[] x = xs[n];
                double z = w[dims];
                for (int i = 0; i < dims; i++) {
                    z += w[i] * x[i];
                }
                boolean positive = examples.get(n).positive();
                double error = (1 / (1 + Math.exp(-z)) - (positive ? 1 : 0)) * balance.weight(positive);
                for (int i = 0; i < dims; i++) {
                    gradient[i] += error * x[i];
                }
                gradient[dims] += error;
            }
            adam.step(w, gradient, lambda);
        }
        double[] raw = new double[dims];
        double bias = w[dims];
        for (int i = 0; i < dims; i++) {
            raw[i] = w[i] / scale[i];
            bias -= raw[i] * mean[i];
        }
        return new Fit(raw, bias);
    }
}
