package io.trainguard.classifiers;

import java.util.Arrays;
import java.util.Map;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The name model's maximum-entropy weights as primitive arrays, its features looked up from
 * chars rather than Strings: {@link #eval} gives the probabilities {@link GISModel#eval} gives,
 * summed in the same order.
 */
final class NameWeights {

  private final String[] outcomes;
  /** The chars of all features, feature f at {@code firstChar[f]} to {@code firstChar[f + 1]}. */
  private final char[] chars;
  private final int[] firstChar;
  private final int[] hashes;
  /** Feature index + 1 per slot, 0 for an empty slot. */
  private final int[] slots;
  private final int mask;
  /** The weights of feature f are at {@code firstWeight[f]} to {@code firstWeight[f + 1]}. */
  private final int[] firstWeight;
  private final int[] weightOutcomes;
  private final double[] weights;
  private final double logPrior;

  NameWeights(MaxentModel model) {
    if (!(model instanceof GISModel gis)) {
      throw new IllegalStateException("The name model is no maximum-entropy (GIS) model");
    }
    Object[] data = gis.getDataStructures();
    @SuppressWarnings("unchecked")
    Map<String, Context> byFeature = (Map<String, Context>) data[1];
    outcomes = ((String[]) data[2]).clone();
    // As UniformPrior, GISModel's prior, starts each outcome's sum.
    logPrior = StrictMath.log(1.0 / outcomes.length);
    int n = byFeature.size();
    chars = new char[byFeature.keySet().stream().mapToInt(String::length).sum()];
    firstChar = new int[n + 1];
    hashes = new int[n];
    firstWeight = new int[n + 1];
    int size = Integer.highestOneBit(Math.max(2, n * 2 - 1)) * 2;
    slots = new int[size];
    mask = size - 1;
    int total = byFeature.values().stream().mapToInt(c -> c.getOutcomes().length).sum();
    weightOutcomes = new int[total];
    weights = new double[total];
    int f = 0;
    int w = 0;
    for (Map.Entry<String, Context> e : byFeature.entrySet()) {
      String feature = e.getKey();
      feature.getChars(0, feature.length(), chars, firstChar[f]);
      firstChar[f + 1] = firstChar[f] + feature.length();
      hashes[f] = feature.hashCode();
      int slot = slot(hashes[f]);
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = f + 1;
      int[] active = e.getValue().getOutcomes();
      double[] parameters = e.getValue().getParameters();
      System.arraycopy(active, 0, weightOutcomes, w, active.length);
      System.arraycopy(parameters, 0, weights, w, active.length);
      w += active.length;
      firstWeight[++f] = w;
    }
  }

  int outcomes() {
    return outcomes.length;
  }

  String outcome(int o) {
    return outcomes[o];
  }

  /** The index of the feature {@code chars[0, length)}, or -1 when the model has no weight for it. */
  int feature(char[] chars, int length) {
    int hash = 0;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + chars[i];
    }
    for (int slot = slot(hash); slots[slot] != 0; slot = (slot + 1) & mask) {
      int f = slots[slot] - 1;
      if (hashes[f] == hash && Arrays.equals(this.chars, firstChar[f], firstChar[f + 1], chars, 0,
          length)) {
        return f;
      }
    }
    return -1;
  }

  /** The probability of each outcome given {@code count} features, into {@code probabilities}. */
  void eval(int[] features, int count, double[] probabilities) {
    for (int o = 0; o < probabilities.length; o++) {
      probabilities[o] = logPrior;
    }
    for (int i = 0; i < count; i++) {
      int f = features[i];
      for (int w = firstWeight[f]; w < firstWeight[f + 1]; w++) {
        probabilities[weightOutcomes[w]] += weights[w];
      }
    }
    double normal = 0.0;
    for (int o = 0; o < probabilities.length; o++) {
      probabilities[o] = StrictMath.exp(probabilities[o]);
      normal += probabilities[o];
    }
    for (int o = 0; o < probabilities.length; o++) {
      probabilities[o] /= normal;
    }
  }

  private int slot(int hash) {
    return (hash ^ hash >>> 16) & mask;
  }
}
