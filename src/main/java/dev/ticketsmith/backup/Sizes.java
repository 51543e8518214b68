package dev.ticketsmith.backup;

import java.time.Duration;
import java.util.Locale;

/** Sizes and durations as people read them in Slack: {@code 212.4 MB}, {@code 1m 04s}. */
public final class Sizes {

    private Sizes() {
    }

    public static String bytes(Long bytes) {
        if (bytes == null) {
            return "size unknown";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    public static String millis(long millis) {
        return duration(Duration.ofMillis(millis));
    }

    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86400 * 2) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        return (s / 86400) + "d " + ((s % 86400) / 3600) + "h";
    }
}
