package dev.llmgateway.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Units of measure, currencies and counted things, each spelling mapped to one canonical name. Short or
 * ambiguous spellings (m, g, am, cup, degree, users) are units only right after a number ("5m", "20 users").
 */
final class UnitLexicon {

    private static final Map<String, String> UNITS = new HashMap<>();
    private static final Set<String> AFTER_NUMBER_ONLY = Set.of("m", "g", "c", "f", "s", "h", "l", "j", "w", "v", "ha",
            "am", "a.m", "pm", "p.m", "mi", "min", "mins", "sec", "secs", "hr", "hrs", "yr", "yrs", "wk", "wks", "yd",
            "yds", "cal", "kj", "kw", "ms", "cad", "aud", "chf", "cup", "cups", "stone", "stones", "pint", "pints",
            "degree", "degrees", "quart", "quarts", "bit", "bits", "character", "characters", "char", "chars",
            "page", "pages", "word", "words", "user", "users", "person", "people", "persons", "employee", "employees",
            "item", "items", "token", "tokens", "buck", "bucks");

    static {
        add("usd", "$ usd dollar dollars buck bucks");
        add("eur", "\u20ac eur euro euros");
        add("gbp", "\u00a3 gbp sterling");
        add("jpy", "\u00a5 jpy yen");
        add("inr", "\u20b9 inr rupee rupees");
        add("cad", "cad");
        add("aud", "aud");
        add("chf", "chf franc francs");
        add("cny", "cny yuan rmb renminbi");
        add("btc", "btc bitcoin bitcoins");
        add("percent", "% percent pct percentage");
        add("degree", "\u00b0 degree degrees");
        add("celsius", "celsius centigrade c");
        add("fahrenheit", "fahrenheit f");
        add("kelvin", "kelvin kelvins");
        add("mm", "mm millimeter millimeters millimetre millimetres");
        add("cm", "cm centimeter centimeters centimetre centimetres");
        add("m", "m meter meters metre metres");
        add("km", "km kms kilometer kilometers kilometre kilometres");
        add("inch", "inch inches");
        add("foot", "ft foot feet");
        add("yard", "yd yds yard yards");
        add("mile", "mi mile miles");
        add("mph", "mph");
        add("kmh", "kmh kph km/h");
        add("mg", "mg milligram milligrams");
        add("g", "g gram grams gramme grammes");
        add("kg", "kg kgs kilo kilos kilogram kilograms");
        add("lb", "lb lbs pound pounds");
        add("oz", "oz ounce ounces");
        add("ton", "ton tons tonne tonnes");
        add("stone", "stone stones");
        add("ml", "ml milliliter milliliters millilitre millilitres");
        add("l", "l liter liters litre litres");
        add("gallon", "gal gallon gallons");
        add("pint", "pint pints");
        add("quart", "quart quarts");
        add("cup", "cup cups");
        add("tbsp", "tbsp tablespoon tablespoons");
        add("tsp", "tsp teaspoon teaspoons");
        add("acre", "acre acres");
        add("hectare", "ha hectare hectares");
        add("calorie", "cal kcal calorie calories");
        add("joule", "j joule joules kj");
        add("kwh", "kwh");
        add("watt", "w watt watts kw kilowatt kilowatts");
        add("volt", "v volt volts");
        add("psi", "psi");
        add("bit", "bit bits");
        add("byte", "byte bytes");
        add("kb", "kb kilobyte kilobytes");
        add("mb", "mb megabyte megabytes");
        add("gb", "gb gigabyte gigabytes");
        add("tb", "tb terabyte terabytes");
        add("mbps", "mbps");
        add("gbps", "gbps");
        add("ms", "ms millisecond milliseconds");
        add("second", "s sec secs second seconds");
        add("minute", "min mins minute minutes");
        add("hour", "h hr hrs hour hours");
        add("day", "day days");
        add("week", "wk wks week weeks");
        add("month", "month months");
        add("year", "yr yrs year years");
        add("decade", "decade decades");
        add("century", "century centuries");
        add("am", "am a.m");
        add("pm", "pm p.m");
        add("token", "token tokens");
        add("word", "word words");
        add("character", "character characters char chars");
        add("page", "page pages");
        add("user", "user users");
        add("person", "person people persons");
        add("employee", "employee employees");
        add("item", "item items");
    }

    private UnitLexicon() {
    }

    private static void add(String canonical, String spellings) {
        for (String spelling : spellings.split(" ")) {
            UNITS.put(spelling, canonical);
        }
    }

    private static final Set<String> DURATIONS = Set.of("ms", "second", "minute", "hour", "day", "week", "month", "year",
            "decade", "century");

    /** Whether a canonical unit measures time (and so is also an ordinary word for when something happens). */
    static boolean isDuration(String canonical) {
        return DURATIONS.contains(canonical);
    }

    /** @return the canonical unit of a lower-cased spelling written right after a number, or null */
    static String afterNumber(String lower) {
        return UNITS.get(lower);
    }

    /** @return the canonical unit of a lower-cased word standing on its own, or null */
    static String standalone(String lower) {
        return AFTER_NUMBER_ONLY.contains(lower) ? null : UNITS.get(lower);
    }
}
