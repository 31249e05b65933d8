package i18n

// Form is a CLDR plural category: which of a message's forms a number takes.
type Form uint8

// The CLDR plural categories. Every language has Other; English and German add One;
// Arabic uses all six; Japanese has only Other.
const (
	Other Form = iota
	Zero
	One
	Two
	Few
	Many
)

var formNames = [...]string{Other: "other", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many"}

// String returns the category's CLDR name.
func (f Form) String() string { return formNames[f] }

// Plural returns the plural category of the whole number n in l, by the cardinal
// rules of CLDR's plurals.xml (n is never a fraction here: counts of things):
//
//	en, de  one: i = 1 and v = 0                     other
//	ar      zero: n = 0; one: n = 1; two: n = 2;
//	        few: n % 100 = 3..10; many: n % 100 = 11..99; other
//	ja      other
func (l Lang) Plural(n int) Form {
	if n < 0 {
		n = -n
	}
	switch l.valid() {
	case Japanese:
		return Other
	case Arabic:
		switch m := n % 100; {
		case n == 0:
			return Zero
		case n == 1:
			return One
		case n == 2:
			return Two
		case m >= 3 && m <= 10:
			return Few
		case m >= 11 && m <= 99:
			return Many
		}
		return Other
	}
	if n == 1 {
		return One
	}
	return Other
}

// Forms returns the plural categories l uses, Other first.
func (l Lang) Forms() []Form {
	switch l.valid() {
	case Japanese:
		return []Form{Other}
	case Arabic:
		return []Form{Other, Zero, One, Two, Few, Many}
	}
	return []Form{Other, One}
}
