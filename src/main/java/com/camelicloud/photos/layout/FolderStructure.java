package com.camelicloud.photos.layout;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A compiled {@code --folder-structure} pattern (kei, icloudpd): the folder, relative to the destination
 * root, that a file goes into.
 *
 * <h2>Syntax</h2>
 * <ul>
 *   <li>{@code none}: flat, every file in the root.</li>
 *   <li>strftime directives, as kei writes them ({@code %Y/%m/%d}, the default):
 *       {@code %Y %y %m %d %e %H %I %M %S %p %j %b %B %a %A %F %u %w %U %W %V %G %%}; a {@code -} flag drops
 *       the padding of numeric ones ({@code %-m}). Names are English whatever the machine's locale, so a
 *       folder does not move when the locale changes.</li>
 *   <li>icloudpd's Python-format spelling: {@code {:%Y/%m/%d}} — the directives inside {@code {:…}} are
 *       the same; <code>&#123;&#123;</code> and <code>&#125;&#125;</code> are literal braces.</li>
 *   <li>{@code {album}} and {@code {library}}; the album renders as its path, one folder per Photos folder
 *       it is in ({@code Trips/Trip to Rome}); the library as {@code PrimarySync} or
 *       {@code SharedSync-} + the first 8 characters of the zone's UUID (docs/protocol.md §7.5).</li>
 *   <li>{@code /} separates folders ({@code \} too, for Windows users); empty segments are ignored.</li>
 * </ul>
 * Invalid patterns (unknown directive, unbalanced brace, unknown token, absolute path, {@code .} or
 * {@code ..} segment) fail in {@link #parse} with an {@link IllegalArgumentException} naming the pattern and
 * the problem, so the CLI can refuse them before any network call.
 *
 * <h2>Rendering</h2>
 * Each rendered segment goes through the {@link FileNameSanitizer} as one component (an album path adds one
 * component per name): an album called {@code ../../etc} becomes the single folder {@code _.._etc}. Values that are
 * missing:
 * <ul>
 *   <li>No capture date (rare; docs/protocol.md §5.16 has three fallbacks): every segment that needs the date
 *       collapses into one {@value #UNKNOWN_DATE} folder at the place of the first, so {@code %Y/%m/%d} gives
 *       {@code unknown-date} and {@code {album}/%Y} gives {@code Trips/unknown-date}. icloudpd files such
 *       photos under 1970/01/01, which looks like a real date and is not.</li>
 *   <li>No album (the asset is in none, or the run is library-wide) or no library: segments that need it are
 *       left out, so {@code {album}/%Y} degrades to {@code 2024}.</li>
 * </ul>
 */
public final class FolderStructure {

    public static final String UNKNOWN_DATE = "unknown-date";
    /** kei's default; icloudpd's {@code {:%Y/%m/%d}} renders the same. */
    public static final String DEFAULT_PATTERN = "%Y/%m/%d";

    private static final String NUMERIC_DIRECTIVES = "YymdeHIMSjuwUWVG";
    private static final String TEXT_DIRECTIVES = "pbBaAF";

    private enum Kind { LITERAL, DATE, ALBUM, LIBRARY }

    private record Piece(Kind kind, String text, char directive, boolean unpadded) {
        static Piece literal(String text) {
            return new Piece(Kind.LITERAL, text, '\0', false);
        }
    }

    private record Segment(List<Piece> pieces) {
        boolean needs(Kind kind) {
            return pieces.stream().anyMatch(piece -> piece.kind() == kind);
        }

        boolean isLiteral(String text) {
            return pieces.size() == 1 && pieces.get(0).kind() == Kind.LITERAL && pieces.get(0).text().equals(text);
        }
    }

    private final String pattern;
    private final List<Segment> segments;
    private final FileNameSanitizer sanitizer;
    // asked for every file planned: answered once
    private final boolean usesAlbum;
    private final boolean usesLibrary;

    private FolderStructure(String pattern, List<Segment> segments, FileNameSanitizer sanitizer) {
        this.pattern = pattern;
        this.segments = List.copyOf(segments);
        this.sanitizer = sanitizer;
        this.usesAlbum = segments.stream().anyMatch(segment -> segment.needs(Kind.ALBUM));
        this.usesLibrary = segments.stream().anyMatch(segment -> segment.needs(Kind.LIBRARY));
    }

    /** Parses with the product's default (Unicode-keeping) sanitizer. */
    public static FolderStructure parse(String pattern) {
        return parse(pattern, FileNameSanitizer.UNICODE);
    }

    /** @throws IllegalArgumentException when the pattern is invalid; the message names it and the problem */
    public static FolderStructure parse(String pattern, FileNameSanitizer sanitizer) {
        Objects.requireNonNull(sanitizer, "sanitizer");
        if (pattern == null || pattern.isBlank()) {
            throw invalid(pattern, "it is empty; use 'none' for a flat layout");
        }
        if (pattern.strip().equalsIgnoreCase("none")) {
            return new FolderStructure(pattern, List.of(), sanitizer);
        }
        return new FolderStructure(pattern, new Parser(pattern).parse(), sanitizer);
    }

    public String pattern() {
        return pattern;
    }

    /** {@code none}: every file goes to the destination root. */
    public boolean isFlat() {
        return segments.isEmpty();
    }

    /** Whether the folder depends on the album: an asset in several albums then gets one file per album. */
    public boolean usesAlbum() {
        return usesAlbum;
    }

    public boolean usesLibrary() {
        return usesLibrary;
    }

    /** {@link #render(ZonedDateTime, List, String)} without album or library. */
    public String render(ZonedDateTime captureTime) {
        return render(captureTime, List.of(), null);
    }

    /**
     * The folder, {@code /}-separated, without leading or trailing {@code /}; "" for the root.
     *
     * @param captureTime capture-local wall time (the caller picks the zone, docs/protocol.md §5.16); null if unknown
     * @param album       the album's path: the names of the folders it is in, outermost first, then its own name;
     *                    empty when none (null and blank names count as none)
     * @param zoneName    the zone, e.g. {@code PrimarySync} or {@code SharedSync-1A2B3C4D-…} (see
     *                    {@link #libraryName}); null when unknown
     */
    public String render(ZonedDateTime captureTime, List<String> album, String zoneName) {
        List<String> albumPath = album == null ? List.of()
                : album.stream().filter(name -> name != null && !name.isBlank()).toList();
        StringJoiner folder = new StringJoiner("/");
        boolean unknownDateWritten = false;
        for (Segment segment : segments) {
            if (captureTime == null && segment.needs(Kind.DATE)) {
                if (!unknownDateWritten) {
                    folder.add(UNKNOWN_DATE);
                    unknownDateWritten = true;
                }
                continue;
            }
            List<String> components = renderSegment(segment, captureTime, albumPath, libraryName(zoneName));
            if (components != null) {
                components.forEach(component -> folder.add(sanitizer.sanitize(component)));
            }
        }
        return folder.toString();
    }

    /**
     * The segment's text, one component per folder (an album path makes several), or null when it needs a value
     * that is missing.
     */
    private static List<String> renderSegment(Segment segment, ZonedDateTime date, List<String> album,
                                              String library) {
        List<String> components = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Piece piece : segment.pieces()) {
            switch (piece.kind()) {
                case LITERAL -> text.append(piece.text());
                case DATE -> text.append(format(date, piece.directive(), piece.unpadded()));
                case ALBUM -> {
                    if (album.isEmpty()) {
                        return null;
                    }
                    for (int i = 0; i < album.size(); i++) {
                        if (i > 0) {
                            components.add(text.toString());
                            text.setLength(0);
                        }
                        text.append(album.get(i));
                    }
                }
                case LIBRARY -> {
                    if (library == null || library.isBlank()) {
                        return null;
                    }
                    text.append(library);
                }
                default -> throw new IllegalStateException(piece.kind().name());
            }
        }
        components.add(text.toString());
        return components;
    }

    /**
     * How a zone appears in paths (docs/protocol.md §7.5, kei): {@code PrimarySync} as is, {@code SharedSync-<UUID>}
     * as {@code SharedSync-} + the UUID's first 8 characters; other names unchanged. Null stays null.
     */
    public static String libraryName(String zoneName) {
        String shared = "SharedSync-";
        if (zoneName != null && zoneName.startsWith(shared) && zoneName.length() > shared.length() + 8) {
            return zoneName.substring(0, shared.length() + 8);
        }
        return zoneName;
    }

    /** {@code folder/fileName}, or just {@code fileName} for the root folder. */
    public static String join(String folder, String fileName) {
        return folder == null || folder.isEmpty() ? fileName : folder + "/" + fileName;
    }

    private static String format(ZonedDateTime date, char directive, boolean unpadded) {
        int weekdayFromSunday = date.getDayOfWeek().getValue() % 7;
        int dayOfYearFromZero = date.getDayOfYear() - 1;
        return switch (directive) {
            case 'Y' -> number(date.getYear(), 4, '0', unpadded);
            case 'y' -> number(Math.floorMod(date.getYear(), 100), 2, '0', unpadded);
            case 'm' -> number(date.getMonthValue(), 2, '0', unpadded);
            case 'd' -> number(date.getDayOfMonth(), 2, '0', unpadded);
            case 'e' -> number(date.getDayOfMonth(), 2, ' ', unpadded);
            case 'H' -> number(date.getHour(), 2, '0', unpadded);
            case 'I' -> number(date.getHour() % 12 == 0 ? 12 : date.getHour() % 12, 2, '0', unpadded);
            case 'M' -> number(date.getMinute(), 2, '0', unpadded);
            case 'S' -> number(date.getSecond(), 2, '0', unpadded);
            case 'j' -> number(date.getDayOfYear(), 3, '0', unpadded);
            case 'u' -> number(date.getDayOfWeek().getValue(), 1, '0', unpadded);
            case 'w' -> number(weekdayFromSunday, 1, '0', unpadded);
            case 'U' -> number((dayOfYearFromZero + 7 - weekdayFromSunday) / 7, 2, '0', unpadded);
            case 'W' -> number((dayOfYearFromZero + 7 - (weekdayFromSunday + 6) % 7) / 7, 2, '0', unpadded);
            case 'V' -> number(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0', unpadded);
            case 'G' -> number(date.get(IsoFields.WEEK_BASED_YEAR), 4, '0', unpadded);
            case 'p' -> date.getHour() < 12 ? "AM" : "PM";
            case 'b' -> date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'a' -> date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'F' -> format(date, 'Y', false) + "-" + format(date, 'm', false) + "-" + format(date, 'd', false);
            default -> throw new IllegalStateException("directive %" + directive);
        };
    }

    private static String number(int value, int width, char pad, boolean unpadded) {
        String digits = Integer.toString(value);
        return unpadded || digits.length() >= width ? digits : String.valueOf(pad).repeat(width - digits.length()) + digits;
    }

    private static IllegalArgumentException invalid(String pattern, String problem) {
        return new IllegalArgumentException("Invalid --folder-structure '" + pattern + "': " + problem);
    }

    @Override
    public String toString() {
        return "FolderStructure[" + pattern + "]";
    }

    /** One pass over the pattern; positions in messages are 1-based, as a user counts. */
    private static final class Parser {
        private final String pattern;
        private final List<Segment> segments = new ArrayList<>();
        private List<Piece> pieces = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();
        private int dateSpecStart = -1;

        Parser(String pattern) {
            this.pattern = pattern;
        }

        List<Segment> parse() {
            if (pattern.matches("^[A-Za-z]:.*")) {
                throw invalid(pattern, "it is an absolute path (drive letter); it must be relative to the download directory");
            }
            int i = 0;
            while (i < pattern.length()) {
                char c = pattern.charAt(i);
                if (c == '/' || c == '\\') {
                    endSegment();
                    i++;
                } else if (c == '%') {
                    i = directive(i);
                } else if (c == '{') {
                    i = openBrace(i);
                } else if (c == '}') {
                    i = closeBrace(i);
                } else {
                    literal.append(c);
                    i++;
                }
            }
            if (dateSpecStart >= 0) {
                throw invalid(pattern, "unbalanced '{' at character " + (dateSpecStart + 1) + " (no closing '}')");
            }
            endSegment();
            return validate();
        }

        private int directive(int at) {
            int next = at + 1;
            if (next >= pattern.length()) {
                throw invalid(pattern, "dangling '%' at the end");
            }
            if (pattern.charAt(next) == '%') {
                literal.append('%');
                return next + 1;
            }
            boolean unpadded = pattern.charAt(next) == '-';
            int letterAt = unpadded ? next + 1 : next;
            if (letterAt >= pattern.length()) {
                throw invalid(pattern, "dangling '%-' at the end");
            }
            char letter = pattern.charAt(letterAt);
            boolean numeric = NUMERIC_DIRECTIVES.indexOf(letter) >= 0;
            if (!numeric && TEXT_DIRECTIVES.indexOf(letter) < 0) {
                throw invalid(pattern, "unknown directive '%" + (unpadded ? "-" : "") + letter + "' at character "
                        + (at + 1) + "; supported: %Y %y %m %d %e %H %I %M %S %p %j %b %B %a %A %F %u %w %U %W %V %G %%"
                        + " (and %-d style for no padding)");
            }
            if (unpadded && !numeric) {
                throw invalid(pattern, "the '-' flag at character " + (at + 1) + " only applies to numeric directives, not %"
                        + letter);
            }
            addPiece(new Piece(Kind.DATE, null, letter, unpadded));
            return letterAt + 1;
        }

        private int openBrace(int at) {
            if (dateSpecStart >= 0) {
                throw invalid(pattern, "'{' at character " + (at + 1) + " inside the '{:' opened at character "
                        + (dateSpecStart + 1));
            }
            if (at + 1 < pattern.length() && pattern.charAt(at + 1) == '{') {
                literal.append('{');
                return at + 2;
            }
            int close = pattern.indexOf('}', at);
            if (close < 0) {
                throw invalid(pattern, "unbalanced '{' at character " + (at + 1) + " (no closing '}')");
            }
            String token = pattern.substring(at + 1, close);
            if (token.startsWith(":")) {
                if (token.length() == 1) {
                    throw invalid(pattern, "empty date format '{:}' at character " + (at + 1));
                }
                dateSpecStart = at;
                return at + 2;
            }
            switch (token) {
                case "album" -> addPiece(new Piece(Kind.ALBUM, null, '\0', false));
                case "library" -> addPiece(new Piece(Kind.LIBRARY, null, '\0', false));
                default -> throw invalid(pattern, "unknown token '{" + token + "}' at character " + (at + 1)
                        + "; supported: {album}, {library}, {:<date format>}");
            }
            return close + 1;
        }

        private int closeBrace(int at) {
            if (dateSpecStart >= 0) {
                dateSpecStart = -1;
                return at + 1;
            }
            if (at + 1 < pattern.length() && pattern.charAt(at + 1) == '}') {
                literal.append('}');
                return at + 2;
            }
            throw invalid(pattern, "unbalanced '}' at character " + (at + 1) + " (write '}}' for a literal brace)");
        }

        private void addPiece(Piece piece) {
            flushLiteral();
            pieces.add(piece);
        }

        private void flushLiteral() {
            if (!literal.isEmpty()) {
                pieces.add(Piece.literal(literal.toString()));
                literal.setLength(0);
            }
        }

        private void endSegment() {
            flushLiteral();
            segments.add(new Segment(List.copyOf(pieces)));
            pieces = new ArrayList<>();
        }

        private List<Segment> validate() {
            if (segments.get(0).pieces().isEmpty() && segments.size() > 1) {
                throw invalid(pattern, "it is an absolute path; it must be relative to the download directory");
            }
            List<Segment> kept = new ArrayList<>();
            for (Segment segment : segments) {
                if (segment.isLiteral("..")) {
                    throw invalid(pattern, "a '..' segment would leave the download directory");
                }
                if (segment.isLiteral(".")) {
                    throw invalid(pattern, "a '.' segment is not allowed; leave it out");
                }
                if (!segment.pieces().isEmpty()) {
                    kept.add(segment);
                }
            }
            if (kept.isEmpty()) {
                throw invalid(pattern, "it names no folder; use 'none' for a flat layout");
            }
            return kept;
        }
    }
}
