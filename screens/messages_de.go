package screens

import "tenfoot/i18n"

var german = map[i18n.Key]i18n.Msg{}
