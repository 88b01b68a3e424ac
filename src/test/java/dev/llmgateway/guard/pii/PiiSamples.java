package dev.llmgateway.guard.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Seeded generators of valid values of each PII type and of look-alike values that are not PII. */
final class PiiSamples {

    static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String UPPER_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String BASE64 = ALNUM + "+/";
    static final String BASE64URL = ALNUM + "-_";
    private static final List<String> PHONE_REGIONS = List.of("US", "GB", "DE", "FR", "IN", "BR", "JP", "AU", "ES", "IT",
            "NL", "MX", "ZA", "CA", "CH", "SE", "PL", "SG", "KR", "NG", "AR", "IE", "BE", "AT");
    private static final List<String> FIRST = List.of("anna", "ben", "chloe", "dmitri", "eva", "farid", "grace", "hiro", "ines", "jamal", "kofi", "lena");
    private static final List<String> LAST = List.of("smith", "nguyen", "muller", "garcia", "rossi", "kowalski", "tanaka", "okafor", "dubois", "silva");
    private static final List<String> DOMAINS = List.of("example.com", "mail.example.org", "corp.example.co.uk", "uni-example.edu", "example.de", "shop.example.io");

    private final Random random;

    PiiSamples(long seed) {
        this.random = new Random(seed);
    }

    String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    String chars(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    String digits(int length) {
        return chars("0123456789", length);
    }

    String email() {
        String local = switch (random.nextInt(4)) {
            case 0 -> pick(FIRST) + "." + pick(LAST);
            case 1 -> pick(FIRST) + random.nextInt(1000);
            case 2 -> pick(FIRST).charAt(0) + pick(LAST) + "+" + pick(List.of("news", "work", "x"));
            default -> pick(FIRST) + "_" + pick(LAST) + random.nextInt(99);
        };
        return local + "@" + pick(DOMAINS);
    }

    String phone() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        while (true) {
            String region = pick(PHONE_REGIONS);
            PhoneNumber example = util.getExampleNumberForType(region, random.nextBoolean() ? PhoneNumberType.MOBILE : PhoneNumberType.FIXED_LINE);
            if (example == null) {
                continue;
            }
            String national = String.valueOf(example.getNationalNumber());
            String varied = national.substring(0, national.length() - 3) + digits(3);
            try {
                PhoneNumber number = util.parse("+" + example.getCountryCode() + varied, "ZZ");
                if (!util.isValidNumber(number)) {
                    continue;
                }
                return PiiSettings.DEFAULT_PHONE_REGIONS.contains(region) && random.nextBoolean()
                        ? util.format(number, PhoneNumberFormat.NATIONAL)
                        : util.format(number, random.nextInt(3) == 0 ? PhoneNumberFormat.E164 : PhoneNumberFormat.INTERNATIONAL);
            } catch (NumberParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    String card() {
        String[][] brands = {{"4", "16"}, {"4", "13"}, {"51", "16"}, {"55", "16"}, {"2221", "16"}, {"34", "15"}, {"37", "15"},
                {"6011", "16"}, {"65", "16"}, {"3530", "16"}, {"36", "14"}, {"62", "19"}};
        String[] brand = brands[random.nextInt(brands.length)];
        int length = Integer.parseInt(brand[1]);
        String body = brand[0] + digits(length - brand[0].length() - 1);
        String number = body + luhnDigit(body);
        return switch (random.nextInt(3)) {
            case 0 -> number;
            case 1 -> group(number, length == 15 ? new int[] {4, 6, 5} : new int[] {4, 4, 4, 4, 4}, " ");
            default -> group(number, new int[] {4, 4, 4, 4, 4}, "-");
        };
    }

    String invalidCard() {
        String body = "4" + digits(14);
        return body + ((luhnDigit(body) + 1 + random.nextInt(9)) % 10);
    }

    String iban() {
        return formatIban(ibanCompact(true));
    }

    String badIban() {
        return formatIban(ibanCompact(false));
    }

    private String ibanCompact(boolean valid) {
        String country = pick(List.of("DE", "GB", "FR", "ES", "IT", "NL", "BE", "CH", "PL", "AT", "SE", "NO", "IE", "PT"));
        String bban = switch (country) {
            case "DE" -> digits(18);
            case "GB", "IE" -> chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + digits(14);
            case "FR" -> digits(23);
            case "ES", "SE" -> digits(20);
            case "IT" -> chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + digits(10) + chars("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 12);
            case "NL" -> chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + digits(10);
            case "BE" -> digits(12);
            case "CH" -> digits(17);
            case "PL" -> digits(24);
            case "AT" -> digits(16);
            case "NO" -> digits(11);
            default -> digits(21);
        };
        int check = 98 - mod97(bban + country + "00");
        if (!valid) {
            check = (check + 1 + random.nextInt(90)) % 97 + 2;
        }
        return country + String.format("%02d", check) + bban;
    }

    private String formatIban(String compact) {
        return random.nextBoolean() ? compact : group(compact, null, " ");
    }

    String ssn() {
        int area;
        do {
            area = 1 + random.nextInt(899);
        } while (area == 666);
        String separator = pick(List.of("-", "-", " ", "."));
        return String.format("%03d%s%02d%s%04d", area, separator, 1 + random.nextInt(99), separator,
                1 + random.nextInt(9999));
    }

    String ipv4() {
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    String ipv6() {
        String[] groups = new String[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = Integer.toHexString(random.nextInt(0x10000));
        }
        groups[0] = pick(List.of("2001", "fe80", "2a00", "fd12", "2600"));
        String full = String.join(":", groups);
        if (random.nextBoolean()) {
            return full;
        }
        return groups[0] + ":" + groups[1] + "::" + groups[6] + ":" + groups[7];
    }

    String awsAccessKey() {
        return pick(List.of("AKIA", "ASIA")) + chars(random.nextBoolean() ? BASE32 : UPPER_AND_DIGITS, 16);
    }

    String awsSecretKey() {
        String key;
        do {
            key = chars(BASE64, 40);
        } while (!key.matches(".*[A-Z].*") || !key.matches(".*[a-z].*") || !key.matches(".*\\d.*"));
        return key;
    }

    String jwt() {
        String header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
        String claims = "{\"sub\":\"" + random.nextInt(1_000_000) + "\",\"name\":\"" + pick(FIRST) + "\",\"iat\":" + (1_700_000_000 + random.nextInt(10_000_000)) + "}";
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + chars(BASE64URL, 43);
    }

    String opaqueToken() {
        return chars(ALNUM, 8) + chars(BASE64URL + ".", 24 + random.nextInt(24)) + digits(2);
    }

    String apiKey() {
        return switch (random.nextInt(5)) {
            case 0 -> "sk-proj-" + chars(BASE64URL, 48);
            case 1 -> "ghp_" + chars(ALNUM, 36);
            case 2 -> "xoxb-" + digits(11) + "-" + digits(12) + "-" + chars(ALNUM, 24);
            case 3 -> "sk_live_" + chars(ALNUM, 24);
            default -> "AIza" + chars(BASE64URL, 35);
        };
    }

    String genericSecret() {
        return chars(ALNUM, 4) + digits(2) + chars(ALNUM + "_-", 20 + random.nextInt(12));
    }

    String urlUserInfo() {
        return pick(FIRST) + ":" + chars(ALNUM, 6) + pick(List.of("!x", "2024", "_pw", "")) + digits(2);
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    String gitSha(int length) {
        return chars("0123456789abcdef", length);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private static int luhnDigit(String body) {
        for (int d = 0; d < 10; d++) {
            if (Checksums.luhn(body + d)) {
                return d;
            }
        }
        throw new IllegalStateException();
    }

    private static int mod97(String text) {
        StringBuilder numeric = new StringBuilder();
        for (char c : text.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
    }

    private static String group(String value, int[] sizes, String separator) {
        StringBuilder out = new StringBuilder();
        int position = 0;
        int index = 0;
        while (position < value.length()) {
            int size = sizes == null ? 4 : sizes[Math.min(index++, sizes.length - 1)];
            if (out.length() > 0) {
                out.append(separator);
            }
            out.append(value, position, Math.min(value.length(), position + size));
            position += size;
        }
        return out.toString();
    }
}
