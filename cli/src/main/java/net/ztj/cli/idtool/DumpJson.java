package net.ztj.cli.idtool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON laid out as ZeroTier One prints it (nlohmann's {@code dump(1)}): one space of indentation per level,
 * {@code "key": value}, empty arrays and objects as {@code []} and {@code {}}. Key order is the caller's (sorted,
 * as nlohmann's maps are).
 */
final class DumpJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter oneSpace = new DefaultIndenter(" ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        printer.indentObjectsWith(oneSpace);
        printer.indentArraysWith(oneSpace);
        WRITER = MAPPER.writer(printer);
    }

    private DumpJson() {}

    /** The value as indented JSON, without a final newline. */
    static String format(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot format " + value.getClass().getSimpleName(), e);
        }
    }
}
