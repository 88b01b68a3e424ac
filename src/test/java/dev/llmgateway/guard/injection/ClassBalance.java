package dev.llmgateway.guard.injection;

/** Weights that make a fit's positive and negative examples count equally in its loss, half each. */
record ClassBalance(double positive, double negative) {

    static ClassBalance of(long positives, long examples) {
        return new ClassBalance(0.5 / positives, 0.5 / (examples - positives));
    }

    double weight(boolean isPositive) {
        return isPositive ? positive : negative;
    }
}
