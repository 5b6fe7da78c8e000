package io.kappa.oracle;

import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule 4, check 2: is a weather document one JSON object (RFC 8259) in strict UTF-8 with nothing after it, within the
 * contract's limits; and its content as a small tree of its own ({@link Value}). The model reads JSON with Eclipse
 * Parsson's streaming {@link JsonParser} (the job uses another library) and applies every limit itself, as the
 * parser's events arrive, so that of several problems the one met first in reading order is the reason:
 * <ol>
 *   <li>the bytes are decoded first, strictly ({@code not valid JSON: not UTF-8 (<the decoder's message>)});</li>
 *   <li>a document of JSON whitespace only: {@code not valid JSON: no value (empty document)};</li>
 *   <li>then, event by event: an object or array that opens a 33rd level (the document's own object is level 1):
 *       {@code not valid JSON: nested deeper than 32 levels}; a name met a second time in one object:
 *       {@code not valid JSON: duplicate field 'X'}; a number literal of more than 100 digits (integer, fraction and
 *       exponent digits together): {@code not valid JSON: a number of more than 100 digits}; any syntax error,
 *       including anything after the value: {@code not valid JSON: } and the parser's words;</li>
 *   <li>a well-formed document whose value is not an object: {@code not a JSON object}.</li>
 * </ol>
 * Numbers keep their literal text ({@link Num}): the contract reads an integer literal exactly and any other literal as
 * the nearest double.
 */
final class WeatherJson {
    private WeatherJson() {}

    /** Levels of objects and arrays (the document's own object is level 1). */
    static final int MAX_DEPTH = 32;
    /** Digits of a number literal: integer, fraction and exponent digits together (signs, point and e not counted). */
    static final int MAX_NUMBER_DIGITS = 100;

    static final String NOT_JSON = "not valid JSON: ";
    static final String NOT_AN_OBJECT = "not a JSON object";

    /** Parsson's own provider, named rather than looked up, so that no other JSON-P implementation stands in. */
    private static final JsonParserFactory PARSERS =
            new org.eclipse.parsson.JsonProviderImpl().createParserFactory(Map.of());

    /** Why a document is not one JSON object within the limits: the dead letter's reason. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A JSON value, as the field checks of rule 4 see it. */
    sealed interface Value permits Obj, Arr, Text, Num, Bool, Null {
        /** What a reason calls it: {@code text}, {@code a number}, {@code a boolean}, {@code an object}, {@code an array}. */
        String kind();
    }

    /** An object; its fields in document order (no name twice: a duplicate is refused while reading). */
    record Obj(Map<String, Value> fields) implements Value {
        Value get(String name) {
            return fields.get(name);
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    record Arr(List<Value> items) implements Value {
        @Override
        public String kind() {
            return "an array";
        }
    }

    record Text(String text) implements Value {
        @Override
        public String kind() {
            return "text";
        }
    }

    /** A number literal exactly as written in the document ({@code -12}, {@code 1.7E9}, {@code 1e400}). */
    record Num(String literal) implements Value {
        @Override
        public String kind() {
            return "a number";
        }

        /** An integer literal: no fraction and no exponent. */
        boolean isIntegerLiteral() {
            return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
        }

        /**
         * The number as a double: an integer literal's exact value rounded to the nearest double, any other literal
         * the nearest double to its decimal value ({@code 1e400} is infinity). Both conversions round correctly.
         */
        double asDouble() {
            return isIntegerLiteral() ? new BigInteger(literal).doubleValue() : Double.parseDouble(literal);
        }

        /** Its value when it is a whole number (an integer literal, or finite and integral as a double), else null. */
        BigInteger wholeValue() {
            if (isIntegerLiteral()) {
                return new BigInteger(literal);
            }
            double d = asDouble();
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                return null;
            }
            return new BigDecimal(d).toBigIntegerExact();
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    enum Null implements Value {
        NULL;

        @Override
        public String kind() {
            return "null";
        }
    }

    /** The document's object, or why it is refused (the reasons of rule 4.2). */
    static Obj readObject(byte[] bytes) throws Refused {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refused(NOT_JSON + "not UTF-8 (" + e.getMessage() + ")");
        }
        if (isJsonWhitespace(text)) {
            throw new Refused(NOT_JSON + "no value (empty document)");
        }
        Value root = read(text);
        if (!(root instanceof Obj doc)) {
            throw new Refused(NOT_AN_OBJECT);
        }
        return doc;
    }

    /** RFC 8259's whitespace only: space, tab, line feed, carriage return (also true for ""). */
    private static boolean isJsonWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** An object or array being read. */
    private static final class Open {
        final Map<String, Value> fields; // an object's, else null
        final List<Value> items;         // an array's, else null
        final Set<String> names = new HashSet<>();
        String name;                     // the object's name whose value comes next

        Open(boolean object) {
            fields = object ? new LinkedHashMap<>() : null;
            items = object ? null : new ArrayList<>();
        }

        void add(Value v) {
            if (fields != null) {
                fields.put(name, v);
                name = null;
            } else {
                items.add(v);
            }
        }

        Value close() {
            return fields != null ? new Obj(Collections.unmodifiableMap(fields))
                    : new Arr(Collections.unmodifiableList(items));
        }
    }

    /** The one JSON value of a text, with every limit applied in reading order. */
    private static Value read(String text) throws Refused {
        Deque<Open> open = new ArrayDeque<>();
        Value root = null;
        try (JsonParser p = PARSERS.createParser(new StringReader(text))) {
            while (p.hasNext()) { // after the root value, hasNext() refuses anything but the end of the text
                JsonParser.Event event = p.next();
                Value done = null;
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (open.size() + 1 > MAX_DEPTH) {
                            throw new Refused(NOT_JSON + "nested deeper than " + MAX_DEPTH + " levels");
                        }
                        open.push(new Open(event == JsonParser.Event.START_OBJECT));
                    }
                    case KEY_NAME -> {
                        Open o = open.peek();
                        String name = p.getString();
                        if (!o.names.add(name)) {
                            throw new Refused(NOT_JSON + "duplicate field '" + name + "'");
                        }
                        o.name = name;
                    }
                    case VALUE_STRING -> done = new Text(p.getString());
                    case VALUE_NUMBER -> {
                        Num n = new Num(p.getString()); // the literal as written
                        if (digits(n.literal()) > MAX_NUMBER_DIGITS) {
                            throw new Refused(NOT_JSON + "a number of more than " + MAX_NUMBER_DIGITS + " digits");
                        }
                        done = n;
                    }
                    case VALUE_TRUE -> done = new Bool(true);
                    case VALUE_FALSE -> done = new Bool(false);
                    case VALUE_NULL -> done = Null.NULL;
                    case END_OBJECT, END_ARRAY -> done = open.pop().close();
                    default -> throw new IllegalStateException("unexpected parser event " + event);
                }
                if (done != null) {
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().add(done);
                    }
                }
            }
        } catch (JsonException e) { // JsonParsingException and Parsson's other errors
            throw new Refused(NOT_JSON + e.getMessage());
        }
        if (root == null) { // cannot happen: Parsson refuses a text without a value
            throw new Refused(NOT_JSON + "no value");
        }
        return root;
    }

    private static int digits(String literal) {
        int digits = 0;
        for (int i = 0; i < literal.length(); i++) {
            if (literal.charAt(i) >= '0' && literal.charAt(i) <= '9') {
                digits++;
            }
        }
        return digits;
    }
}
