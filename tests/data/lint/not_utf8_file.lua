-- lint fixture: raw bytes that are not UTF-8 in the file itself (saved as GBK)
return {
  title = "ТђБ­зг",
}
