package screens

import "tenfoot/i18n"

var arabic = map[i18n.Key]i18n.Msg{}
