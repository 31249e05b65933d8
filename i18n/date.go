package i18n

import (
	"strconv"
	"time"
)

var months = [...][12]string{
	English:  {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	German:   {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	Arabic:   {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
	Japanese: {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
	Pseudo:   {"Ĵȧƞŭȧřẏ", "Ƒḗƀřŭȧřẏ", "Ḿȧřƈħ", "Ȧƥřīŀ", "Ḿȧẏ", "Ĵŭƞḗ", "Ĵŭŀẏ", "Ȧŭɠŭşŧ", "Şḗƥŧḗḿƀḗř", "Ǿƈŧǿƀḗř", "Ƞǿṽḗḿƀḗř", "Ḓḗƈḗḿƀḗř"},
}

// Date returns the day of t as l writes it in a sentence: "3 November 2026",
// "3. November 2026", "2026年11月3日", "3 نوفمبر 2026". A date in the current year
// goes without its year, as people say it.
func (l Lang) Date(t, now time.Time) string {
	day, month := strconv.Itoa(t.Day()), months[l.valid()][t.Month()-1]
	year := ""
	if t.Year() != now.Year() {
		year = strconv.Itoa(t.Year())
	}
	switch l.valid() {
	case Japanese:
		if year != "" {
			year += "年"
		}
		return year + month + day + "日"
	case German:
		day += "."
	}
	if year == "" {
		return day + " " + month
	}
	return day + " " + month + " " + year
}

// Clock returns the time of day of t on the 24-hour clock, "21:05", which every
// language here reads.
func (l Lang) Clock(t time.Time) string { return t.Format("15:04") }
