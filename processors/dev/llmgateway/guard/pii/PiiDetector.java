package dev.llmgateway.guard.pii;

import java.util.List;

/** Finds one or a few kinds of value in a text. */
public interface PiiDetector {

    List<PiiMatch> find(String text);
}
