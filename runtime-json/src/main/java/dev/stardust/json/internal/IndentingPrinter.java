package dev.stardust.json.internal;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;

/**
 * luvit's (yajl's) beautified layout: one member or element per line, {@code "key": value}, empty containers as
 * {@code {}} and {@code []}. Stateful (the current level), so one per generator.
 */
final class IndentingPrinter implements PrettyPrinter {
    private final String indent;
    private String[] newlines = new String[0];
    private int level;

    IndentingPrinter(String indent) {
        this.indent = indent;
    }

    private void newline(JsonGenerator g) {
        if (level >= newlines.length) {
            String[] grown = new String[level + 8];
            System.arraycopy(newlines, 0, grown, 0, newlines.length);
            newlines = grown;
        }
        String s = newlines[level];
        if (s == null) {
            s = "\n" + indent.repeat(level);
            newlines[level] = s;
        }
        g.writeRaw(s);
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) {
        g.writeRaw('{');
        level++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) {
        newline(g);
    }

    @Override
    public void writeObjectNameValueSeparator(JsonGenerator g) {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) {
        level--;
        if (entries > 0) {
            newline(g);
        }
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) {
        g.writeRaw('[');
        level++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
        newline(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) {
        level--;
        if (values > 0) {
            newline(g);
        }
        g.writeRaw(']');
    }
}
