package dev.llmgateway.guard.injection;

/** Adam's update of a parameter vector from full-batch gradients, with its moment estimates; one per fit. */
final class AdamSteps {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private int t;

    AdamSteps(int parameters, double learningRate) {
        this.learningRate = learningRate;
        this.m = new double[parameters];
        this.v = new double[parameters];
    }

    /**
     * Moves the parameters one step against the gradient, to which the L2 penalty {@code lambda * w} is added for every
     * parameter but the last (the bias).
     */
    void step(double[] w, double[] gradient, double lambda) {
        t++;
        int bias = w.length - 1;
        for (int i = 0; i <= bias; i++) {
            double g = gradient[i] + (i < bias ? lambda * w[i] : 0);
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            double mHat = m[i] / (1 - Math.pow(BETA1, t));
            double vHat = v[i] / (1 - Math.pow(BETA2, t));
            w[i] -= learningRate * mHat / (Math.sqrt(vHat) + EPSILON);
        }
    }
}
