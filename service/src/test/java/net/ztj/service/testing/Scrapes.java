package net.ztj.service.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading a Prometheus text scrape in tests. */
public final class Scrapes {
    private Scrapes() {}

    /** The value of the sample line {@code series} (exact name and labels as written), or NaN when absent. */
    public static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
