#!/usr/bin/env bash
# Makes the embedded fonts DejaVuSans-Subset.ttf and DejaVuSans-Bold-Subset.ttf: DejaVu Sans 2.37 (the
# fonts-dejavu-core files below, Bitstream Vera licence + public-domain DejaVu changes, see DejaVu-LICENSE.txt)
# reduced to the characters TheoryCheck draws. Skia's PDF backend (SkiaSharp 3.119, NoDependencies build) does
# not subset fonts, so every figure PDF embeds the whole TrueType file: 760 kB of DejaVu Sans made each figure
# PDF about 390 kB; the subset (about 120 kB, no hinting: PDF viewers and 300 dpi rasters do not use it)
# brings it to about 70 kB.
#
# Tools: fontTools 4.38 (Debian: apt-get install -y python3-fonttools; the module runs under /usr/bin/python3).
# Inputs (sha256):
#   abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
#   0d977336a6d5fba34eab8e3199eb218327161b5143749f802982c2bc34df0c96  /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
#
# Unicode ranges kept (both weights):
#   U+0020-007E  Basic Latin                     U+00A0-00FF  Latin-1 Supplement (§ ± · × ½ …)
#   U+0100-017F  Latin Extended-A (Ĝ Ĥ Ũ ē ž)    U+0232-0233  Ȳ ȳ
#   U+02B0-02FF  Spacing Modifier Letters (ʰ ʲ ʳ ʷ ʸ ˡ ˢ ˣ)
#   U+0300-036F  Combining Diacritical Marks (x̂ x̃ x̄)
#   U+0370-03FF  Greek and Coptic (every Greek letter, ϑ ϕ ϵ ϱ)
#   U+1D2C-1D6A  modifier / subscript letters (ᴬ…ᵂ ᵃ…ᵡ ᵢ…ᵪ)   U+1D9B-1DBF  modifier letters (ᶜ ᶠ ᶻ ᶿ)
#   U+1E20-1E21  Ḡ ḡ                             U+141F       ᐟ (superscript solidus of PaperText)
#   U+2000-206F  General Punctuation (– — ‖ • … ′ thin spaces)
#   U+2070-209F  Superscripts and Subscripts     U+2100-214F  Letterlike Symbols (ℓ ℝ ℕ ℤ)
#   U+2190-21FF  Arrows                          U+2200-22FF  Mathematical Operators (≤ ≥ ≠ ∝ √ ∞ − ∈ ⊥ ∑ ⊗ …)
#   U+2300-230F  Miscellaneous Technical (⌈ ⌉ ⌊ ⌋)
#   U+25A0-25A1, U+25B2-25B3, U+25BC-25BD, U+25C6-25C7, U+25CB, U+25CF  ■ □ ▲ △ ▼ ▽ ◆ ◇ ○ ●
#   U+2713-2718  check and ballot marks (✓ ✗)   U+27E8-27E9  ⟨ ⟩
#   U+2C7C-2C7D  ⱼ ⱽ                             U+FFFD       replacement character
# Layout tables (kerning, mark positioning) stay: ScottPlot shapes text with HarfBuzz.
# tests/TheoryCheck.Tests/Reports/FontCoverageTests.cs checks that every character TheoryCheck can draw is covered;
# add its range here and re-run this script when that test names a missing character.
set -euo pipefail
cd "$(dirname "$0")"
source_dir="${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}"
unicodes="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0232-0233,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+1D2C-1D6A,U+1D9B-1DBF,\
U+1E20-1E21,U+141F,U+2000-206F,U+2070-209F,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2300-230F,\
U+25A0-25A1,U+25B2-25B3,U+25BC-25BD,U+25C6-25C7,U+25CB,U+25CF,U+2713-2718,U+27E8-27E9,U+2C7C-2C7D,U+FFFD"
for weight in "" "-Bold"; do
  /usr/bin/python3 -m fontTools.subset "$source_dir/DejaVuSans$weight.ttf" \
    --unicodes="$unicodes" --no-hinting --name-IDs='*' --notdef-outline \
    --output-file="DejaVuSans$weight-Subset.ttf"
done
ls -l DejaVuSans*-Subset.ttf
