package dev.llmgateway.guard.injection;

import java.util.Arrays;
import java.util.List;

/**
 * L2-regularized logistic regression over sparse features ({@link LexicalFeatures}), the classes weighted to count
 * equally, fitted by full-batch Adam from zero weights: the same data gives the same model.
 */
final class SparseLogisticRegression {

    private static final int ITERATIONS = 300;
    private static final double LEARNING_RATE = 0.05;

    record Example(LexicalFeatures x, boolean positive) {
    }

    record Fit(float[] weights, double bias) {
    }

    private SparseLogisticRegression() {
    }

    static Fit fit(List<Example> examples, int dims, double lambda) {
        ClassBalance balance = ClassBalance.of(examples.stream().filter(Example::positive).count(), examples.size());
        double[] w = new double[dims + 1];
        double[] gradient = new double[dims + 1];
        AdamSteps adam = new AdamSteps(dims + 1, LEARNING_RATE);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Arrays.fill(gradient, 0);
            for (Example example : examples) {
                int[] buckets = example.x().buckets();
                float[] values = example.x().values();
                double z = w[dims];
                for (int i = 0; i < buckets.length; i++) {
                    z += w[buckets[i]] * values[i];
                }
                double error = (1 / (1 + Math.exp(-z)) - (example.positive() ? 1 : 0))
                        * balance.weight(example.positive());
                for (int i = 0; i < buckets.length; i++) {
                    gradient[buckets[i]] += error * values[i];
                }
                gradient[dims] += error;
            }
            adam.step(w, gradient, lambda);
        }
        float[] weights = new float[dims];
        for (int i = 0; i < dims; i++) {
            weights[i] = (float) w[i];
        }
        return new Fit(weights, w[dims]);
    }
}
