package screens

import "tenfoot/i18n"

var japanese = map[i18n.Key]i18n.Msg{}
