package dev.stardust.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ways a decoder's input is cut into pieces by the property tests of issue 20: whole, one byte per piece, and at
 * cut points a property generates (jqwik shrinks those towards fewer and earlier cuts, so a failure names a small
 * split). {@link #verdicts} feeds each way through a decoder and returns the verdicts by name, which a property then
 * requires to be all equal.
 */
public final class Splits {
    private Splits() {
    }

    /** {@code input} cut at {@code cuts} (each taken modulo {@code input.length + 1}, then sorted): the pieces in order. */
    public static List<byte[]> at(byte[] input, List<Integer> cuts) {
        int[] points = cuts.stream().mapToInt(c -> Math.floorMod(c, input.length + 1)).sorted().distinct().toArray();
        List<byte[]> pieces = new ArrayList<>(points.length + 1);
        int from = 0;
        for (int p : points) {
            pieces.add(Arrays.copyOfRange(input, from, p));
            from = p;
        }
        pieces.add(Arrays.copyOfRange(input, from, input.length));
        return pieces;
    }

    /** {@code input} as one piece per byte (no piece for an empty input). */
    public static List<byte[]> bytewise(byte[] input) {
        List<byte[]> pieces = new ArrayList<>(input.length);
        for (byte b : input) {
            pieces.add(new byte[] {b});
        }
        return pieces;
    }

    /**
     * The verdict of {@code decode} for {@code input} fed whole, byte by byte and cut at {@code cuts}, keyed
     * {@code whole}, {@code bytewise} and {@code cuts [..]}; equal verdicts are what split independence means.
     */
    public static <V> Map<String, V> verdicts(byte[] input, List<Integer> cuts, Function<List<byte[]>, V> decode) {
        V whole = decode.apply(List.of(input));
        V bytewise = decode.apply(bytewise(input));
        List<byte[]> pieces = at(input, cuts);
        V split = decode.apply(pieces);
        return Map.of("whole", whole, "bytewise", bytewise, "cuts " + lengths(pieces), split);
    }

    /** Asserts that every verdict equals the whole input's, naming the split that differs. */
    public static <V> V assertSame(Map<String, V> verdicts) {
        V whole = verdicts.get("whole");
        for (Map.Entry<String, V> e : verdicts.entrySet()) {
            if (!e.getValue().equals(whole)) {
                throw new AssertionError("fed " + e.getKey() + ": " + e.getValue() + "\nbut fed whole: " + whole);
            }
        }
        return whole;
    }

    private static String lengths(List<byte[]> pieces) {
        StringBuilder sb = new StringBuilder("[");
        for (byte[] p : pieces) {
            sb.append(sb.length() > 1 ? " " : "").append(p.length);
        }
        return sb.append(']').toString();
    }
}
