package provider

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

// Exact conversions between tonnes (credits, decimal strings with at most 3 decimals) and integer
// kilograms. They never go through floating point: the digits are parsed and printed as integers.

// tonnesPattern is a plain, non-negative decimal with at most 3 decimals: "12", "12.5", "0.001".
var tonnesPattern = regexp.MustCompile(`^([0-9]+)(?:\.([0-9]+))?$`)

// exponentPattern is a number in exponent notation: "1e3", "1.5E-2".
var exponentPattern = regexp.MustCompile(`^[+-]?[0-9]*\.?[0-9]+[eE][+-]?[0-9]+$`)

// kgFromTonnes parses a decimal number of tonnes into kilograms. The error says what is wrong
// with the value and how to write it instead.
func kgFromTonnes(s string) (int64, error) {
	const fix = `write the tonnes as a plain decimal string with at most 3 decimals, for example "12.5", "0.001" or "1000"`
	if s == "" {
		return 0, fmt.Errorf("the tonnes value is empty; %s", fix)
	}
	if strings.HasPrefix(strings.TrimSpace(s), "-") {
		return 0, fmt.Errorf("%q is negative; credit quantities cannot be negative: %s", s, fix)
	}
	m := tonnesPattern.FindStringSubmatch(s)
	if m == nil {
		if exponentPattern.MatchString(s) {
			return 0, fmt.Errorf("%q uses exponent notation, which is not accepted; %s", s, fix)
		}
		return 0, fmt.Errorf("%q is not a decimal number of tonnes; %s", s, fix)
	}
	whole, frac := m[1], m[2]
	if len(frac) > 3 {
		return 0, fmt.Errorf("%q has %d decimals, but 1 kg = 0.001 t is the smallest unit, so at most 3 decimals are allowed; round it to whole kilograms", s, len(frac))
	}
	kg, err := strconv.ParseInt(whole+frac+strings.Repeat("0", 3-len(frac)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is too large: the largest quantity is %s t (%d kg)", s, tonnesString(math.MaxInt64), int64(math.MaxInt64))
	}
	return kg, nil
}

// tonnesString renders kilograms as an exact decimal number of tonnes with no trailing zeros:
// 12500 -> "12.5", 12000 -> "12", 1 -> "0.001", 0 -> "0". Negative values get a leading "-".
func tonnesString(kg int64) string {
	sign := ""
	u := uint64(kg)
	if kg < 0 {
		sign, u = "-", uint64(-(kg+1))+1
	}
	whole, frac := u/1000, u%1000
	if frac == 0 {
		return fmt.Sprintf("%s%d", sign, whole)
	}
	return strings.TrimRight(fmt.Sprintf("%s%d.%03d", sign, whole, frac), "0")
}

// formatKg renders an integer kg quantity in kg and in tonnes (credits), exactly:
// formatKg(5000) == "5000 kg (5.000 t)".
func formatKg(kg int64) string {
	return fmt.Sprintf("%d kg (%s t)", kg, tonnesFromKg(kg).Text('f', 3))
}

// tonnesFromKg renders an integer kilogram quantity as an exact decimal number of tonnes (credits).
func tonnesFromKg(kg int64) *big.Float {
	sign := ""
	if kg < 0 {
		sign, kg = "-", -kg
	}
	return decimalNumber(fmt.Sprintf("%s%d.%03d", sign, kg/1000, kg%1000))
}

// decimalNumber parses a decimal string the way Terraform parses numbers (512-bit precision).
func decimalNumber(s string) *big.Float {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		return nil
	}
	return f
}

// wholeKg accepts a non-negative whole number of kilograms that fits in 64 bits.
func wholeKg(f *big.Float) (int64, error) {
	text := f.Text('f', -1)
	switch {
	case f.Sign() < 0:
		return 0, fmt.Errorf("%s is negative; pass a non-negative whole number of kilograms", text)
	case !f.IsInt():
		return 0, fmt.Errorf("%s is not a whole number of kilograms; the registry counts in whole kg, so round it first (for example with floor())", text)
	}
	i, _ := f.Int(nil)
	if !i.IsInt64() {
		return 0, fmt.Errorf("%s is too large: the largest quantity is %d kg", text, int64(^uint64(0)>>1))
	}
	return i.Int64(), nil
}
