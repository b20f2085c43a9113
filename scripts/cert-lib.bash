# Shared by scripts/cert-check and scripts/cert-attest (sourced, not run). The same rules are implemented in Java
# by dev.yantra.fairness.CertAttestation for `yantra cert status`; keep the two in step.
# cert/ATTEST format (one item per line, '#' comments):
#   SCOPE <NAME> <path-prefix>...      files under these prefixes belong to NAME (longest matching prefix wins)
#   HASHED-<NAME>: <YYYY-MM-DD>        the day NAME's hash lines were last written (by cert-attest)
#   <sha256>  <path>                   sha256sum format
#   CERT-ATTEST-<NAME>: <reviewer>, <YYYY-MM-DD>, <justification>

# Reads "sha  path" lines on stdin; prints "scope<TAB>sha<TAB>path" ("-" when no SCOPE covers the path).
cert_assign_scopes() {
  local attest=$1
  awk -v attest="$attest" '
    BEGIN {
      while ((getline line < attest) > 0) {
        if (line ~ /^SCOPE /) {
          n = split(line, f, /[ \t]+/)
          for (i = 3; i <= n; i++) { np++; pname[np] = f[2]; pfx[np] = f[i] }
        }
      }
    }
    {
      sha = $1; path = substr($0, length($1) + 3)
      best = "-"; blen = -1
      for (i = 1; i <= np; i++) {
        if (substr(path, 1, length(pfx[i])) == pfx[i] && length(pfx[i]) > blen) { best = pname[i]; blen = length(pfx[i]) }
      }
      printf "%s\t%s\t%s\n", best, sha, path
    }'
}

# Scope names in declaration order.
cert_scope_names() {
  awk '/^SCOPE / { print $2 }' "$1"
}

# "scope<TAB>sha<TAB>path" for every file now under any SCOPE prefix (run from the repository root).
cert_current_hashes() {
  local attest=$1 prefixes
  prefixes=$(awk '/^SCOPE / { for (i = 3; i <= NF; i++) print $i }' "$attest")
  local existing=()
  while IFS= read -r p; do
    [[ -n "$p" && -e "$p" ]] && existing+=("$p")
  done <<<"$prefixes"
  ((${#existing[@]})) || return 0
  find "${existing[@]}" -type f -print0 | sort -zu | xargs -0 -r sha256sum | cert_assign_scopes "$attest"
}

# "scope<TAB>sha<TAB>path" for every hash line recorded in cert/ATTEST.
cert_recorded_hashes() {
  grep -E '^[0-9a-f]{64}  ' "$1" | cert_assign_scopes "$1" || true
}

# Newest attestation date of a scope, or empty.
cert_latest_attest_date() {
  grep -E "^CERT-ATTEST-$2: " "$1" | awk -F', ' '{ print $2 }' | sort | tail -n 1 || true
}

cert_hashed_date() {
  grep -E "^HASHED-$2: " "$1" | awk '{ print $2 }' | tail -n 1 || true
}
