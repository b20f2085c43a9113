package dev.yantra.operator;

import dev.yantra.config.UsageException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** Operator IP allow-lists: exact addresses or CIDR blocks, IPv4 and IPv6, literal addresses only (no DNS). */
public final class IpAllowList {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAllowList() {
    }

    public static List<String> validate(List<String> entries) {
        if (entries.size() > 200) throw new UsageException("an IP allow-list holds at most 200 entries");
        List<String> out = entries.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String e : out) {
            String[] parts = e.split("/", -1);
            if (parts.length > 2 || parseLiteral(parts[0]) == null) throw new UsageException("not an IP address or CIDR block: '" + e + "'");
            if (parts.length == 2) {
                int max = parseLiteral(parts[0]).getAddress().length * 8;
                int bits;
                try {
                    bits = Integer.parseInt(parts[1]);
                } catch (NumberFormatException ex) {
                    throw new UsageException("bad CIDR prefix in '" + e + "'");
                }
                if (bits < 0 || bits > max) throw new UsageException("bad CIDR prefix in '" + e + "'");
            }
        }
        return out;
    }

    /** True when the list is null (no restriction) or an entry matches the address. */
    public static boolean allows(List<String> allowList, String sourceIp) {
        if (allowList == null) return true;
        InetAddress ip = parseLiteral(sourceIp);
        if (ip == null) return false;
        for (String entry : allowList) {
            if (matches(entry, ip)) return true;
        }
        return false;
    }

    private static boolean matches(String entry, InetAddress ip) {
        String[] parts = entry.split("/", -1);
        InetAddress net = parseLiteral(parts[0]);
        if (net == null || net.getAddress().length != ip.getAddress().length) return false;
        int total = net.getAddress().length * 8;
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : total;
        if (bits == 0) return true;
        BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(total - bits).subtract(BigInteger.ONE));
        return new BigInteger(1, net.getAddress()).and(mask).equals(new BigInteger(1, ip.getAddress()).and(mask));
    }

    static InetAddress parseLiteral(String s) {
        if (s == null || s.isEmpty() || !LITERAL.matcher(s).matches()) return null;  // never resolve host names
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
