package provider

import (
	"math"
	"math/big"
	"regexp"
	"strings"
	"testing"
)

func TestKgFromTonnes(t *testing.T) {
	valid := map[string]int64{
		"0":                     0,
		"0.001":                 1,
		"12.5":                  12500,
		"12.50":                 12500,
		"12.500":                12500,
		"1000":                  1000000,
		"007.25":                7250,
		"9223372036854775.807":  math.MaxInt64,
		"4294967.296":           4294967296, // above 2^32 kg: no int32 anywhere
		"123456789012.345":      123456789012345,
		"0.1":                   100,
		"99999999999999.999":    99999999999999999,
		"1.000":                 1000,
		"3":                     3000,
		"0000000000000000000.5": 500,
	}
	for in, want := range valid {
		got, err := kgFromTonnes(in)
		if err != nil || got != want {
			t.Errorf("kgFromTonnes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}

	invalid := map[string]string{
		"":                     "the tonnes value is empty",
		"-1":                   `"-1" is negative`,
		" -0.5":                `" -0.5" is negative`,
		"1e3":                  `"1e3" uses exponent notation`,
		"1.5E2":                `"1.5E2" uses exponent notation`,
		"12.5001":              `"12.5001" has 4 decimals`,
		"abc":                  `"abc" is not a decimal number of tonnes`,
		"twelve":               `"twelve" is not a decimal number of tonnes`,
		"1e":                   `"1e" is not a decimal number of tonnes`,
		"1,5":                  `"1,5" is not a decimal number of tonnes`,
		"+1":                   `"+1" is not a decimal number of tonnes`,
		" 1":                   `" 1" is not a decimal number of tonnes`,
		".5":                   `".5" is not a decimal number of tonnes`,
		"5.":                   `"5." is not a decimal number of tonnes`,
		"0x10":                 `"0x10" is not a decimal number of tonnes`,
		"9223372036854775.808": `"9223372036854775.808" is too large: the largest quantity is 9223372036854775.807 t (9223372036854775807 kg)`,
	}
	for in, want := range invalid {
		got, err := kgFromTonnes(in)
		if err == nil {
			t.Errorf("kgFromTonnes(%q) = %d, want an error", in, got)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("kgFromTonnes(%q) error = %q, want it to contain %q", in, err, want)
		}
	}
	if _, err := kgFromTonnes("1.2345"); err == nil || !strings.Contains(err.Error(), "round it to whole kilograms") {
		t.Errorf("too many decimals: error %v does not say how to fix it", err)
	}
	if _, err := kgFromTonnes("x"); err == nil || !strings.Contains(err.Error(), `for example "12.5"`) {
		t.Errorf("malformed: error %v does not show the expected form", err)
	}
}

func TestTonnesString(t *testing.T) {
	cases := map[int64]string{
		0:             "0",
		1:             "0.001",
		10:            "0.01",
		100:           "0.1",
		999:           "0.999",
		1000:          "1",
		12500:         "12.5",
		12000:         "12",
		12050:         "12.05",
		4294967296:    "4294967.296",
		math.MaxInt64: "9223372036854775.807",
		-1:            "-0.001",
		-12500:        "-12.5",
		math.MinInt64: "-9223372036854775.808",
	}
	for in, want := range cases {
		if got := tonnesString(in); got != want {
			t.Errorf("tonnesString(%d) = %q, want %q", in, got, want)
		}
	}
	// Round trip over a spread of values, including every remainder pattern.
	for _, kg := range []int64{0, 1, 7, 10, 70, 100, 700, 1000, 1001, 1010, 1100, 123456789, math.MaxInt64} {
		back, err := kgFromTonnes(tonnesString(kg))
		if err != nil || back != kg {
			t.Errorf("round trip of %d kg via %q gave %d, %v", kg, tonnesString(kg), back, err)
		}
	}
}

func TestTonnesFromKgIsExact(t *testing.T) {
	for kg, want := range map[int64]string{
		0:                   "0",
		1:                   "0.001",
		999:                 "0.999",
		1000:                "1",
		12500:               "12.5",
		12345678901234567:   "12345678901234.567", // far beyond float64's exact integers
		-2500:               "-2.5",
		9223372036854775807: "9223372036854775.807",
	} {
		got := tonnesFromKg(kg)
		wantF := decimalNumber(want)
		if got == nil || got.Cmp(wantF) != 0 {
			t.Errorf("tonnesFromKg(%d) = %v, want %s", kg, got, want)
		}
	}
}

func TestWholeKg(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "1": 1, "12500": 12500, "9223372036854775807": 9223372036854775807} {
		f, _, _ := big.ParseFloat(in, 10, 512, big.ToNearestEven)
		if got, err := wholeKg(f); err != nil || got != want {
			t.Errorf("wholeKg(%s) = %d, %v", in, got, err)
		}
	}
	for in, want := range map[string]string{"-1": "-1 is negative", "0.5": "0.5 is not a whole number", "1e30": "is too large"} {
		f, _, _ := big.ParseFloat(in, 10, 512, big.ToNearestEven)
		if _, err := wholeKg(f); err == nil || !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(err.Error()) {
			t.Errorf("wholeKg(%s) error = %v, want %q", in, err, want)
		}
	}
}

func TestTransactionFormatKg(t *testing.T) {
	for kg, want := range map[int64]string{5000: "5000 kg (5.000 t)", 1: "1 kg (0.001 t)", 27501: "27501 kg (27.501 t)", 0: "0 kg (0.000 t)",
		9007199254740993: "9007199254740993 kg (9007199254740.993 t)"} {
		if got := formatKg(kg); got != want {
			t.Errorf("formatKg(%d) = %q, want %q", kg, got, want)
		}
	}
}
