package dev.llmgateway.guard.pii;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;

/**
 * Finds one or a few kinds of value in a text, in time linear in its length: every character it reads is read through
 * (or charged to) the request's {@link InspectionBudget}, which throws once the text has cost more than it may.
 */
public interface PiiDetector {

    List<PiiMatch> find(String text, InspectionBudget budget);
}
