"""Validation messages: problem code -> {"en", "ru", "kk"}. Each says what is wrong and how to fix it.

Placeholders: {row}, {column} and the problem's own params. A language's text may instead be one text per CLDR
plural category of the ``count`` param ({"one": …, "few": …, "many": …, "other": …}; "other" always).
"""

MESSAGES: dict[str, dict[str, str | dict[str, str]]] = {
    # --- the file as a whole (exit 2: unreadable) ---
    "empty_file": {
        "en": "The file is empty. Save the sheet again and upload the saved file.",
        "ru": "Файл пуст. Сохраните лист ещё раз и загрузите сохранённый файл.",
        "kk": "Файл бос. Парақты қайта сақтап, сақталған файлды жүктеңіз.",
    },
    "binary_file": {
        "en": "This is not a text table: it looks like a binary file. Save it from Excel as “CSV (semicolon delimited)” or .xlsx.",
        "ru": "Это не текстовая таблица: файл похож на двоичный. Сохраните его из Excel как «CSV (разделители — точка с запятой)» или .xlsx.",
        "kk": "Бұл мәтіндік кесте емес: файл екілік файлға ұқсайды. Оны Excel-ден «CSV (нүктелі үтірмен бөлінген)» немесе .xlsx ретінде сақтаңыз.",
    },
    "zip_file": {
        "en": "This is a ZIP archive, not a table. Unpack it, or save the sheet from Excel as .xlsx or CSV.",
        "ru": "Это ZIP-архив, а не таблица. Распакуйте его или сохраните лист из Excel как .xlsx или CSV.",
        "kk": "Бұл кесте емес, ZIP мұрағаты. Оны ашыңыз немесе парақты Excel-ден .xlsx не CSV ретінде сақтаңыз.",
    },
    "html_file": {
        "en": "This is a web page (HTML), not a table. Download the file itself, not the page that links to it.",
        "ru": "Это веб-страница (HTML), а не таблица. Скачайте сам файл, а не страницу со ссылкой на него.",
        "kk": "Бұл кесте емес, веб-бет (HTML). Файлдың өзін жүктеп алыңыз, оған сілтеме беретін бетті емес.",
    },
    "bad_encoding": {
        "en": "The text encoding could not be recognised. Save the file as UTF-8 or Windows-1251 CSV.",
        "ru": "Не удалось определить кодировку текста. Сохраните файл как CSV в UTF-8 или Windows-1251.",
        "kk": "Мәтін кодталуы анықталмады. Файлды UTF-8 немесе Windows-1251 CSV ретінде сақтаңыз.",
    },
    "bad_table": {
        "en": "The table could not be read ({detail}). Check that it is a CSV or Excel file with one header row.",
        "ru": "Не удалось прочитать таблицу ({detail}). Проверьте, что это CSV или Excel с одной строкой заголовков.",
        "kk": "Кесте оқылмады ({detail}). Бұл бір тақырып жолы бар CSV не Excel файлы екенін тексеріңіз.",
    },
    "bad_json": {
        "en": "The GeoJSON is not valid JSON ({detail}). The file may be cut short: export it again.",
        "ru": "GeoJSON не является корректным JSON ({detail}). Возможно, файл обрезан: выгрузите его заново.",
        "kk": "GeoJSON дұрыс JSON емес ({detail}). Файл толық болмауы мүмкін: оны қайта экспорттаңыз.",
    },
    "not_geojson": {
        "en": "The file is JSON but not GeoJSON: expected a FeatureCollection or a Feature.",
        "ru": "Файл в формате JSON, но не GeoJSON: ожидается FeatureCollection или Feature.",
        "kk": "Файл JSON, бірақ GeoJSON емес: FeatureCollection немесе Feature күтіледі.",
    },
    "no_rows": {
        "en": "The table has a header but no rows of data.",
        "ru": "В таблице есть заголовок, но нет строк с данными.",
        "kk": "Кестеде тақырып бар, бірақ деректер жолдары жоқ.",
    },
    "no_sheet": {
        "en": "The workbook has no sheet named “{sheet}”. Sheets: {sheets}.",
        "ru": "В книге нет листа «{sheet}». Листы: {sheets}.",
        "kk": "Кітапта «{sheet}» парағы жоқ. Парақтар: {sheets}.",
    },
    "json_as_table": {
        "en": "This is a JSON (GeoJSON) file, not a table of plantings. Upload it as plots, or save the plantings sheet as CSV or .xlsx.",
        "ru": "Это файл JSON (GeoJSON), а не таблица посадок. Загрузите его как участки или сохраните лист посадок как CSV или .xlsx.",
        "kk": "Бұл отырғызулар кестесі емес, JSON (GeoJSON) файлы. Оны учаскелер ретінде жүктеңіз немесе отырғызулар парағын CSV не .xlsx ретінде сақтаңыз.",
    },
    "table_as_plots": {
        "en": "This spreadsheet has no longitude and latitude columns, so it holds no plots. Plots are uploaded as "
        "GeoJSON, KML or KMZ, a GeoPackage (.gpkg), a zipped Shapefile or MapInfo table (.zip), or a table of "
        "points (CSV or Excel) with columns “lon”, “lat” and “area_ha”; plantings as CSV or .xlsx.",
        "ru": "В этой таблице нет столбцов долготы и широты, поэтому участков в ней нет. Участки загружаются в "
        "GeoJSON, KML или KMZ, GeoPackage (.gpkg), Shapefile или таблице MapInfo в ZIP-архиве (.zip) либо таблицей "
        "точек (CSV или Excel) со столбцами «долгота», «широта» и «площадь, га»; посадки — в CSV или .xlsx.",
        "kk": "Бұл кестеде бойлық пен ендік бағандары жоқ, сондықтан онда учаскелер жоқ. Учаскелер GeoJSON, KML "
        "не KMZ, GeoPackage (.gpkg), ZIP мұрағатындағы (.zip) Shapefile не MapInfo кестесі түрінде немесе "
        "«бойлық», «ендік» және «аудан, га» бағандары бар нүктелер кестесі (CSV не Excel) ретінде жүктеледі; "
        "отырғызулар — CSV не .xlsx түрінде.",
    },
    # --- columns and rows ---
    "missing_column": {
        "en": "Required column “{column}” is missing. Add a column headed “{column}” (or {aliases}).",
        "ru": "Нет обязательного столбца «{column}». Добавьте столбец с заголовком «{column}» (или {aliases}).",
        "kk": "Міндетті «{column}» бағаны жоқ. «{column}» (немесе {aliases}) тақырыбымен баған қосыңыз.",
    },
    "totals_row": {
        "en": "Row {row} looks like a totals row (“{value}”) and was not counted.",
        "ru": "Строка {row} похожа на строку итогов («{value}») и не учтена.",
        "kk": "{row}-жол қорытынды жолға ұқсайды («{value}») және есепке алынбады.",
    },
    "blank": {
        "en": "Row {row}: “{column}” is empty. Fill it in or delete the row.",
        "ru": "Строка {row}: «{column}» не заполнено. Заполните или удалите строку.",
        "kk": "{row}-жол: «{column}» толтырылмаған. Толтырыңыз немесе жолды жойыңыз.",
    },
    "not_a_number": {
        "en": "Row {row}: “{column}” must be a number, found “{value}”.",
        "ru": "Строка {row}: в «{column}» должно быть число, а указано «{value}».",
        "kk": "{row}-жол: «{column}» сан болуы керек, ал «{value}» көрсетілген.",
    },
    "not_finite": {
        "en": "Row {row}: “{column}” is “{value}”, which is not a real number.",
        "ru": "Строка {row}: в «{column}» значение «{value}», это не число.",
        "kk": "{row}-жол: «{column}» мәні «{value}», бұл сан емес.",
    },
    "not_whole": {
        "en": "Row {row}: “{column}” is {value}; seedlings are counted in whole numbers.",
        "ru": "Строка {row}: в «{column}» указано {value}; саженцы считаются целыми числами.",
        "kk": "{row}-жол: «{column}» мәні {value}; көшеттер бүтін санмен есептеледі.",
    },
    "negative": {
        "en": "Row {row}: “{column}” is {value}; it cannot be negative.",
        "ru": "Строка {row}: в «{column}» указано {value}; значение не может быть отрицательным.",
        "kk": "{row}-жол: «{column}» мәні {value}; теріс болмауы керек.",
    },
    "too_many": {
        "en": "Row {row}: “{column}” is {value}, more than one planting record can hold (at most {limit}). Check the number.",
        "ru": "Строка {row}: в «{column}» указано {value} — больше, чем может быть в одной записи (не более {limit}). Проверьте число.",
        "kk": "{row}-жол: «{column}» мәні {value} — бір жазбада болатыннан көп (ең көбі {limit}). Санды тексеріңіз.",
    },
    "bad_date": {
        "en": "Row {row}: “{column}” is “{value}”, not a date. Write it as 15.04.2024 or 2024-04-15.",
        "ru": "Строка {row}: «{column}» = «{value}» — это не дата. Пишите 15.04.2024 или 2024-04-15.",
        "kk": "{row}-жол: «{column}» = «{value}» — бұл күн емес. 15.04.2024 немесе 2024-04-15 түрінде жазыңыз.",
    },
    "future_date": {
        "en": "Row {row}: “{column}” is {value}, which is in the future.",
        "ru": "Строка {row}: «{column}» = {value} — дата в будущем.",
        "kk": "{row}-жол: «{column}» = {value} — болашақтағы күн.",
    },
    "surviving_exceeds_planted": {
        "en": "Row {row}: surviving ({surviving}) is more than planted ({planted}).",
        "ru": "Строка {row}: прижилось ({surviving}) больше, чем посажено ({planted}).",
        "kk": "{row}-жол: сақталғаны ({surviving}) отырғызылғаннан ({planted}) көп.",
    },
    "survey_before_planting": {
        "en": "Row {row}: survey date {value} is before the planting date {date}.",
        "ru": "Строка {row}: дата учёта {value} раньше даты посадки {date}.",
        "kk": "{row}-жол: есеп күні {value} отырғызу күнінен {date} бұрын.",
    },
    "duplicate_row": {
        "en": "Row {row} repeats row {first} exactly; it is counted once.",
        "ru": "Строка {row} полностью повторяет строку {first}; учтена один раз.",
        "kk": "{row}-жол {first}-жолды толық қайталайды; бір рет есептелді.",
    },
    "conflicting_rows": {
        "en": "Rows {first} and {row} are the same planting (plot, date, species) with different figures. Keep one.",
        "ru": "Строки {first} и {row} — одна и та же посадка (участок, дата, порода) с разными цифрами. Оставьте одну.",
        "kk": "{first} және {row} жолдары — бір отырғызу (учаске, күн, түр), бірақ сандары әртүрлі. Біреуін қалдырыңыз.",
    },
    "unknown_plot": {
        "en": "Row {row}: plot “{value}” is not in Orman. Upload its GeoJSON first, or correct the id.",
        "ru": "Строка {row}: участка «{value}» нет в Ормане. Сначала загрузите его GeoJSON или исправьте код.",
        "kk": "{row}-жол: «{value}» учаскесі Орманда жоқ. Алдымен оның GeoJSON файлын жүктеңіз немесе кодын түзетіңіз.",
    },
    # --- plots ---
    "missing_plot_id": {
        "en": "Feature {row} has no “{column}”. Give every plot a unique id such as SEM-0001.",
        "ru": "У объекта {row} не заполнено «{column}». Задайте каждому участку уникальный код, например SEM-0001.",
        "kk": "{row}-нысанда «{column}» толтырылмаған. Әр учаскеге бірегей код беріңіз, мысалы SEM-0001.",
    },
    "duplicate_plot_id": {
        "en": "Features {first} and {row} both have “{column}” “{value}”. Each plot needs its own id.",
        "ru": "У объектов {first} и {row} одинаковый «{column}»: «{value}». У каждого участка должен быть свой код.",
        "kk": "{first} және {row} нысандарында «{column}» бірдей: «{value}». Әр учаскенің өз коды болуы керек.",
    },
    "missing_region": {
        "en": "Feature {row} ({plot_id}) has no region. Add the region code (e.g. KZ-10) or name.",
        "ru": "У объекта {row} ({plot_id}) не указана область. Укажите код (например, KZ-10) или название.",
        "kk": "{row}-нысанда ({plot_id}) облыс көрсетілмеген. Облыс кодын (мысалы, KZ-10) не атауын жазыңыз.",
    },
    "unknown_region": {
        "en": "Feature {row} ({plot_id}): “{value}” is not a region of Kazakhstan. Did you mean: {suggestions[en]}?",
        "ru": "Объект {row} ({plot_id}): «{value}» — не область Казахстана. Возможно, вы имели в виду: {suggestions[ru]}?",
        "kk": "{row}-нысан ({plot_id}): «{value}» — Қазақстан облысы емес. Мүмкін, мынаны меңзедіңіз: {suggestions[kk]}?",
    },
    "null_geometry": {
        "en": "Feature {row} ({plot_id}) has no geometry. Draw the plot's boundary.",
        "ru": "У объекта {row} ({plot_id}) нет геометрии. Нарисуйте границу участка.",
        "kk": "{row}-нысанда ({plot_id}) геометрия жоқ. Учаске шекарасын сызыңыз.",
    },
    "empty_geometry": {
        "en": "Feature {row} ({plot_id}) has an empty geometry. Draw the plot's boundary.",
        "ru": "У объекта {row} ({plot_id}) пустая геометрия. Нарисуйте границу участка.",
        "kk": "{row}-нысанның ({plot_id}) геометриясы бос. Учаске шекарасын сызыңыз.",
    },
    "unsupported_geometry": {
        "en": "Feature {row} ({plot_id}) is a {value}; a plot must be a Polygon or MultiPolygon.",
        "ru": "Объект {row} ({plot_id}) имеет тип {value}; участок должен быть Polygon или MultiPolygon.",
        "kk": "{row}-нысан ({plot_id}) түрі {value}; учаске Polygon не MultiPolygon болуы керек.",
    },
    "bad_geometry": {
        "en": "Feature {row} ({plot_id}): the geometry cannot be read ({detail}). Export the plot's boundary again.",
        "ru": "Объект {row} ({plot_id}): геометрию не удалось прочитать ({detail}). Выгрузите границу участка заново.",
        "kk": "{row}-нысан ({plot_id}): геометрия оқылмады ({detail}). Учаске шекарасын қайта экспорттаңыз.",
    },
    "collapsed_geometry": {
        "en": "Feature {row} ({plot_id}) has no area: its boundary collapses to a line or a point ({detail}). Draw the plot's boundary again.",
        "ru": "У объекта {row} ({plot_id}) нет площади: граница вырождается в линию или точку ({detail}). Нарисуйте границу участка заново.",
        "kk": "{row}-нысанның ({plot_id}) ауданы жоқ: шекарасы сызыққа не нүктеге айналады ({detail}). Учаске шекарасын қайта сызыңыз.",
    },
    "bad_area": {
        "en": "Feature {row} ({plot_id}): “{column}” is “{value}”, not a positive number of hectares. Write it like 12.5 or 12,5, or leave it empty.",
        "ru": "Объект {row} ({plot_id}): «{column}» = «{value}» — это не положительное число гектаров. Пишите 12.5 или 12,5 либо оставьте пустым.",
        "kk": "{row}-нысан ({plot_id}): «{column}» = «{value}» — бұл гектардың оң саны емес. 12.5 не 12,5 түрінде жазыңыз немесе бос қалдырыңыз.",
    },
    "point_without_area": {
        "en": "Feature {row} ({plot_id}) is a point without area_ha. Give its area in hectares or draw its boundary.",
        "ru": "Объект {row} ({plot_id}) — точка без area_ha. Укажите площадь в гектарах или нарисуйте границу.",
        "kk": "{row}-нысан ({plot_id}) — area_ha жоқ нүкте. Ауданын гектармен көрсетіңіз не шекарасын сызыңыз.",
    },
    "outside_kazakhstan": {
        "en": "Feature {row} ({plot_id}) lies outside Kazakhstan (near {lon}, {lat}). Check the coordinates.",
        "ru": "Объект {row} ({plot_id}) находится за пределами Казахстана (около {lon}, {lat}). Проверьте координаты.",
        "kk": "{row}-нысан ({plot_id}) Қазақстаннан тыс жатыр ({lon}, {lat} маңында). Координаттарды тексеріңіз.",
    },
    "swapped_coordinates": {
        "en": "Feature {row} ({plot_id}) lies outside Kazakhstan, but inside it with latitude and longitude swapped. Export with longitude first (x = lon, y = lat).",
        "ru": "Объект {row} ({plot_id}) вне Казахстана, но попадает в него, если поменять местами широту и долготу. Выгрузите с долготой первой (x = долгота, y = широта).",
        "kk": "{row}-нысан ({plot_id}) Қазақстаннан тыс, бірақ ендік пен бойлықты ауыстырса ішінде. Бойлықты бірінші қойып экспорттаңыз (x = бойлық, y = ендік).",
    },
    "reprojected": {
        "en": "Coordinates were in {crs} and have been converted to WGS 84 (EPSG:4326).",
        "ru": "Координаты были в {crs} и пересчитаны в WGS 84 (EPSG:4326).",
        "kk": "Координаттар {crs} жүйесінде болды, WGS 84 (EPSG:4326) жүйесіне ауыстырылды.",
    },
    "unknown_crs": {
        "en": "The coordinates are not longitude/latitude and their system could not be recognised. Export in WGS 84 (EPSG:4326).",
        "ru": "Координаты не в долготе/широте, и их система не распознана. Выгрузите в WGS 84 (EPSG:4326).",
        "kk": "Координаттар бойлық/ендік емес және жүйесі анықталмады. WGS 84 (EPSG:4326) жүйесінде экспорттаңыз.",
    },
    "repaired_geometry": {
        "en": "Feature {row} ({plot_id}) had an invalid boundary ({detail}); it was repaired. Check the shape on the map.",
        "ru": "У объекта {row} ({plot_id}) была некорректная граница ({detail}); она исправлена. Проверьте форму на карте.",
        "kk": "{row}-нысанның ({plot_id}) шекарасы қате болды ({detail}); түзетілді. Пішінін картадан тексеріңіз.",
    },
    "z_dropped": {
        "en": {
            "one": "Heights (Z values) were removed from {count} plot; Orman keeps plots flat.",
            "other": "Heights (Z values) were removed from {count} plots; Orman keeps plots flat.",
        },
        "ru": {
            "one": "Высоты (значения Z) удалены у {count} участка; Орман хранит участки в плоскости.",
            "few": "Высоты (значения Z) удалены у {count} участков; Орман хранит участки в плоскости.",
            "many": "Высоты (значения Z) удалены у {count} участков; Орман хранит участки в плоскости.",
            "other": "Высоты (значения Z) удалены у {count} участка; Орман хранит участки в плоскости.",
        },
        "kk": {"other": "{count} учаскеден биіктік (Z мәндері) алынып тасталды; Орман учаскелерді жазық сақтайды."},
    },
    "area_mismatch": {
        "en": "Feature {row} ({plot_id}): declared area {declared} ha differs from the measured {measured} ha by {percent} %.",
        "ru": "Объект {row} ({plot_id}): заявленная площадь {declared} га отличается от измеренной {measured} га на {percent} %.",
        "kk": "{row}-нысан ({plot_id}): мәлімделген аудан {declared} га өлшенген {measured} га-дан {percent} %-ға өзгеше.",
    },
    "overlap": {
        "en": "Plot {plot_id} overlaps plot {other} by {percent} % of its area: possible double count.",
        "ru": "Участок {plot_id} перекрывает участок {other} на {percent} % площади: возможен двойной учёт.",
        "kk": "{plot_id} учаскесі {other} учаскесімен ауданының {percent} %-ында қабаттасады: қайта есептелуі мүмкін.",
    },
    # --- command line: `python -m geo check` ---
    # {rows}, {errors}, {warnings}: counted phrases (UI count_rows, count_plots, count_errors, count_warnings)
    "check_ok": {
        "en": "{file}: no errors; {rows} checked, {warnings}.",
        "ru": "{file}: ошибок нет; проверено: {rows}, {warnings}.",
        "kk": "{file}: қате жоқ; тексерілді: {rows}, {warnings}.",
    },
    "check_failed": {
        "en": "{file}: {errors} and {warnings} in {rows}. Fix the errors and check again; a file with errors is not imported.",
        "ru": "{file}: {errors}, {warnings}; всего {rows}. Исправьте ошибки и проверьте снова; файл с ошибками не загружается.",
        "kk": "{file}: {errors}, {warnings}; барлығы {rows}. Қателерді түзетіп, қайта тексеріңіз; қатесі бар файл жүктелмейді.",
    },
    "check_ok_plots": {
        "en": "{file}: no errors; {rows} checked, {warnings}.",
        "ru": "{file}: ошибок нет; проверено: {rows}, {warnings}.",
        "kk": "{file}: қате жоқ; тексерілді: {rows}, {warnings}.",
    },
    "check_failed_plots": {
        "en": "{file}: {errors} and {warnings} in {rows}. Fix the errors and check again; a file with errors is not imported.",
        "ru": "{file}: {errors}, {warnings}; всего {rows}. Исправьте ошибки и проверьте снова; файл с ошибками не загружается.",
        "kk": "{file}: {errors}, {warnings}; барлығы {rows}. Қателерді түзетіп, қайта тексеріңіз; қатесі бар файл жүктелмейді.",
    },
    "label_error": {"en": "error", "ru": "ошибка", "kk": "қате"},
    "label_warning": {"en": "warning", "ru": "предупреждение", "kk": "ескерту"},
    "no_file": {
        "en": "{file}: no such file, or it cannot be opened.",
        "ru": "{file}: файл не найден или не открывается.",
        "kk": "{file}: файл табылмады немесе ашылмайды.",
    },
    # --- store: rolling back a batch (geo.store.rollback) ---
    "unknown_batch": {
        "en": "There is no batch {batch}. The history lists every batch with its number.",
        "ru": "Пакета {batch} нет. Все пакеты с номерами перечислены в истории.",
        "kk": "{batch} пакеті жоқ. Барлық пакет нөмірлерімен тарихта көрсетілген.",
    },
    "batch_rolled_back": {
        "en": "Batch {batch} was already rolled back ({when}, by {user}). Nothing to do.",
        "ru": "Пакет {batch} уже откачен ({when}, {user}). Делать ничего не нужно.",
        "kk": "{batch} пакеті бұрын қайтарылған ({when}, {user}). Ештеңе істеудің қажеті жоқ.",
    },
    "rollback_replaced": {
        "en": "Batch {batch} cannot be rolled back: later batches ({later}) replaced some of its records with "
        "newer versions. Roll back {later} first.",
        "ru": "Пакет {batch} нельзя откатить: более поздние пакеты ({later}) заменили часть его записей новыми "
        "версиями. Сначала откатите {later}.",
        "kk": "{batch} пакетін қайтаруға болмайды: кейінгі пакеттер ({later}) оның кейбір жазбаларын жаңа "
        "нұсқалармен ауыстырды. Алдымен {later} пакетін қайтарыңыз.",
    },
    "rollback_confirmed": {
        "en": "Batch {batch} cannot be rolled back: later batches ({later}) contain the same records, which would "
        "vanish with it. Roll back {later} first.",
        "ru": "Пакет {batch} нельзя откатить: более поздние пакеты ({later}) содержат те же записи, и они "
        "исчезли бы вместе с ним. Сначала откатите {later}.",
        "kk": "{batch} пакетін қайтаруға болмайды: кейінгі пакеттерде ({later}) дәл сол жазбалар бар, олар да "
        "жоғалып кетер еді. Алдымен {later} пакетін қайтарыңыз.",
    },
    "rollback_plantings_depend": {
        "en": "Batch {batch} cannot be rolled back: it added plots ({plots}) that plantings of batches {later} "
        "refer to. Roll back {later} first.",
        "ru": "Пакет {batch} нельзя откатить: он добавил участки ({plots}), на которые ссылаются посадки пакетов "
        "{later}. Сначала откатите {later}.",
        "kk": "{batch} пакетін қайтаруға болмайды: ол қосқан учаскелерге ({plots}) {later} пакеттерінің "
        "отырғызулары сілтеме жасайды. Алдымен {later} пакетін қайтарыңыз.",
    },
    # --- file formats (geo/readers/formats.py): unreadable GIS files, and each format's line in the format guide
    "bad_zip": {
        "en": "The ZIP archive is damaged and cannot be opened. Pack the files again (right click → Send to → "
        "Compressed folder) and upload the new archive.",
        "ru": "ZIP-архив повреждён и не открывается. Упакуйте файлы заново (правой кнопкой → Отправить → "
        "Сжатая ZIP-папка) и загрузите новый архив.",
        "kk": "ZIP мұрағаты бүлінген, ашылмайды. Файлдарды қайта буып (тінтуірдің оң жағы → Жіберу → Сығылған "
        "ZIP-қалта), жаңа мұрағатты жүктеңіз.",
    },
    "zip_too_large": {
        "en": "The ZIP archive unpacks to an implausible size, so it was not opened. Upload the plot layer alone "
        "(its .shp, .shx, .dbf and .prj files) in a new archive.",
        "ru": "ZIP-архив распаковывается в неправдоподобно большой объём, поэтому он не открыт. Загрузите в новом "
        "архиве только слой участков (его файлы .shp, .shx, .dbf и .prj).",
        "kk": "ZIP мұрағаты тым үлкен көлемге ашылады, сондықтан ол ашылмады. Жаңа мұрағатқа тек учаскелер "
        "қабатын (.shp, .shx, .dbf және .prj файлдарын) салып жүктеңіз.",
    },
    "zip_without_plots": {
        "en": "The ZIP archive holds no plot layer Orman reads ({files}). Put in it a Shapefile (.shp with .shx, "
        ".dbf and .prj), a MapInfo table (.tab with .dat, .map and .id, or .mif with .mid), a .kml or a .gpkg.",
        "ru": "В ZIP-архиве нет слоя участков, который читает Орман ({files}). Положите в него шейп-файл (.shp с "
        ".shx, .dbf и .prj), таблицу MapInfo (.tab с .dat, .map и .id или .mif с .mid), .kml или .gpkg.",
        "kk": "ZIP мұрағатында Орман оқитын учаскелер қабаты жоқ ({files}). Оған шейп-файл (.shx, .dbf және .prj "
        "бар .shp), MapInfo кестесін (.dat, .map және .id бар .tab немесе .mid бар .mif), .kml не .gpkg салыңыз.",
    },
    "zip_several_datasets": {
        "en": "The ZIP archive holds several layers ({datasets}). Upload one layer per archive, or name the one "
        "to read with --layer.",
        "ru": "В ZIP-архиве несколько слоёв ({datasets}). Загружайте по одному слою в архиве или укажите нужный "
        "параметром --layer.",
        "kk": "ZIP мұрағатында бірнеше қабат бар ({datasets}). Әр мұрағатқа бір қабат салыңыз немесе керегін "
        "--layer параметрімен көрсетіңіз.",
    },
    "shapefile_incomplete": {
        "en": "The Shapefile {file} came without its files {missing}, which hold its attributes and index. Zip "
        "all files of the layer together (.shp, .shx, .dbf, .prj, .cpg) and upload the archive.",
        "ru": "Шейп-файл {file} пришёл без файлов {missing}, в которых его атрибуты и индекс. Упакуйте в один "
        "ZIP все файлы слоя (.shp, .shx, .dbf, .prj, .cpg) и загрузите архив.",
        "kk": "{file} шейп-файлы {missing} файлдарынсыз келді, оның атрибуттары мен индексі солардың ішінде. "
        "Қабаттың барлық файлдарын (.shp, .shx, .dbf, .prj, .cpg) бір ZIP-ке буып, мұрағатты жүктеңіз.",
    },
    "mapinfo_incomplete": {
        "en": "The MapInfo table {file} came without its files {missing}. Zip all files of the table together "
        "(.tab, .dat, .map, .id; or .mif and .mid) and upload the archive.",
        "ru": "Таблица MapInfo {file} пришла без файлов {missing}. Упакуйте в один ZIP все файлы таблицы (.tab, "
        ".dat, .map, .id или .mif и .mid) и загрузите архив.",
        "kk": "{file} MapInfo кестесі {missing} файлдарынсыз келді. Кестенің барлық файлдарын (.tab, .dat, .map, "
        ".id немесе .mif және .mid) бір ZIP-ке буып, мұрағатты жүктеңіз.",
    },
    "shapefile_not_zipped": {
        "en": "A Shapefile is several files: upload them zipped together (.shp, .shx, .dbf, .prj and .cpg in one "
        ".zip), not one of them alone.",
        "ru": "Шейп-файл состоит из нескольких файлов: загрузите их вместе в одном ZIP (.shp, .shx, .dbf, .prj "
        "и .cpg), а не один из них.",
        "kk": "Шейп-файл бірнеше файлдан тұрады: оларды бір ZIP-ке бірге буып жүктеңіз (.shp, .shx, .dbf, .prj "
        "және .cpg), біреуін ғана емес.",
    },
    "mapinfo_not_zipped": {
        "en": "A MapInfo table is several files: upload them zipped together (.tab with .dat, .map and .id, or "
        ".mif with .mid), not one of them alone.",
        "ru": "Таблица MapInfo состоит из нескольких файлов: загрузите их вместе в одном ZIP (.tab с .dat, .map и "
        ".id или .mif с .mid), а не один из них.",
        "kk": "MapInfo кестесі бірнеше файлдан тұрады: оларды бір ZIP-ке бірге буып жүктеңіз (.dat, .map және .id "
        "бар .tab немесе .mid бар .mif), біреуін ғана емес.",
    },
    "bad_gis_file": {
        "en": "The {format} file is damaged or incomplete and cannot be read. Export the plot layer again from "
        "your GIS program and upload the new file.",
        "ru": "Файл {format} повреждён или неполон и не читается. Экспортируйте слой участков из ГИС-программы "
        "заново и загрузите новый файл.",
        "kk": "{format} файлы бүлінген немесе толық емес, оқылмайды. Учаскелер қабатын ГАЖ бағдарламасынан қайта "
        "экспорттап, жаңа файлды жүктеңіз.",
    },
    "several_layers": {
        "en": "The file has several polygon layers: {layers}. Choose the one with the plots (on the command line: "
        "--layer NAME), or save that layer alone.",
        "ru": "В файле несколько полигональных слоёв: {layers}. Выберите слой с участками (в командной строке: "
        "--layer ИМЯ) или сохраните этот слой отдельно.",
        "kk": "Файлда бірнеше полигон қабаты бар: {layers}. Учаскелер қабатын таңдаңыз (командалық жолда: "
        "--layer АТАУЫ) немесе сол қабатты бөлек сақтаңыз.",
    },
    "no_polygon_layer": {
        "en": "The {format} file has no polygon layer (layers: {layers}). Plots are polygons; points only with "
        "area_ha. Name the layer to read with --layer.",
        "ru": "В файле {format} нет полигонального слоя (слои: {layers}). Участки — полигоны; точки — только с "
        "area_ha. Укажите слой параметром --layer.",
        "kk": "{format} файлында полигон қабаты жоқ (қабаттар: {layers}). Учаскелер — полигондар; нүктелер тек "
        "area_ha бар болса. Қабатты --layer параметрімен көрсетіңіз.",
    },
    "no_layer": {
        "en": "The file has no layer named “{layer}”. Layers: {layers}.",
        "ru": "В файле нет слоя «{layer}». Слои: {layers}.",
        "kk": "Файлда «{layer}» қабаты жоқ. Қабаттар: {layers}.",
    },
    "format_geojson": {
        "en": "GeoJSON (.geojson, .json): plots, one feature per plot.",
        "ru": "GeoJSON (.geojson, .json): участки, один объект на участок.",
        "kk": "GeoJSON (.geojson, .json): учаскелер, бір учаскеге бір нысан.",
    },
    "format_kml": {
        "en": "KML from Google Earth (.kml): plots; attributes from ExtendedData.",
        "ru": "KML из Google Earth (.kml): участки; атрибуты из ExtendedData.",
        "kk": "Google Earth KML (.kml): учаскелер; атрибуттар ExtendedData ішінен.",
    },
    "format_kmz": {
        "en": "KMZ from Google Earth (.kmz): plots, as KML.",
        "ru": "KMZ из Google Earth (.kmz): участки, как KML.",
        "kk": "Google Earth KMZ (.kmz): учаскелер, KML сияқты.",
    },
    "format_zip": {
        "en": "ZIP (.zip) of one Shapefile (.shp, .shx, .dbf, .prj, .cpg), MapInfo table (.tab, .dat, .map, .id; or "
        ".mif, .mid), KML or GeoPackage: plots.",
        "ru": "ZIP (.zip) с одним шейп-файлом (.shp, .shx, .dbf, .prj, .cpg), таблицей MapInfo (.tab, .dat, .map, "
        ".id или .mif, .mid), KML или GeoPackage: участки.",
        "kk": "Бір шейп-файлы (.shp, .shx, .dbf, .prj, .cpg), MapInfo кестесі (.tab, .dat, .map, .id не .mif, .mid), "
        "KML не GeoPackage бар ZIP (.zip): учаскелер.",
    },
    "format_gpkg": {
        "en": "GeoPackage (.gpkg): plots, from its only polygon layer or the one chosen.",
        "ru": "GeoPackage (.gpkg): участки из единственного полигонального слоя или выбранного.",
        "kk": "GeoPackage (.gpkg): учаскелер, жалғыз полигон қабатынан не таңдалғанынан.",
    },
    "format_shapefile": {
        "en": "Shapefile (.shp): upload it zipped with its .shx, .dbf, .prj and .cpg.",
        "ru": "Шейп-файл (.shp): загружайте в ZIP вместе с .shx, .dbf, .prj и .cpg.",
        "kk": "Шейп-файл (.shp): .shx, .dbf, .prj және .cpg файлдарымен бірге ZIP-те жүктеңіз.",
    },
    "format_mapinfo": {
        "en": "MapInfo (.tab, .mif): upload it zipped with its .dat, .map, .id (or .mid).",
        "ru": "MapInfo (.tab, .mif): загружайте в ZIP вместе с .dat, .map, .id (или .mid).",
        "kk": "MapInfo (.tab, .mif): .dat, .map, .id (не .mid) файлдарымен бірге ZIP-те жүктеңіз.",
    },
    "format_csv": {
        "en": "CSV or text (.csv, .tsv, .txt): plantings; or plots as points with lon/lat and area_ha columns.",
        "ru": "CSV или текст (.csv, .tsv, .txt): посадки; или участки точками со столбцами долгота/широта и "
        "площадь, га.",
        "kk": "CSV не мәтін (.csv, .tsv, .txt): отырғызулар; не бойлық/ендік және аудан бағандары бар нүктелер "
        "түріндегі учаскелер.",
    },
    "format_workbook": {
        "en": "Excel or OpenDocument (.xlsx, .xlsm, .xls, .ods): plantings; or plots as points, as in CSV.",
        "ru": "Excel или OpenDocument (.xlsx, .xlsm, .xls, .ods): посадки; или участки точками, как в CSV.",
        "kk": "Excel не OpenDocument (.xlsx, .xlsm, .xls, .ods): отырғызулар; не CSV сияқты нүктелер түріндегі "
        "учаскелер.",
    },
    "check_without_store": {
        "en": "No store to compare with (none yet, or it cannot be opened): the file alone was checked, not whether "
        "its plots are known or overlap stored ones.",
        "ru": "Нет хранилища для сравнения (ещё не создано или не открывается): проверен только сам файл, без "
        "проверки, известны ли участки и не пересекаются ли с сохранёнными.",
        "kk": "Салыстыратын қойма жоқ (әлі құрылмаған не ашылмайды): тек файлдың өзі тексерілді, учаскелердің "
        "белгілі екені және сақталғандармен қабаттасуы тексерілген жоқ.",
    },
    # --- surveys (inventories) ---
    "alive_exceeds_counted": {
        "en": "Row {row}: alive ({alive}) is more than the planting spots counted ({counted}). Check both numbers.",
        "ru": "Строка {row}: живых ({alive}) больше, чем учтено посадочных мест ({counted}). Проверьте оба числа.",
        "kk": "{row}-жол: тірі көшеттер ({alive}) есепке алынған отырғызу орнынан ({counted}) көп. Екі санды да тексеріңіз.",
    },
    "unknown_planting": {
        "en": "Row {row}: there is no planting of “{species}” on plot “{plot_id}” dated {date} in Orman. Upload the "
        "plantings first, or correct the plot, date or species so that they match the planting exactly.",
        "ru": "Строка {row}: в Ормане нет посадки «{species}» на участке «{plot_id}» от {date}. Сначала загрузите "
        "посадки или исправьте участок, дату или породу, чтобы они точно совпадали с посадкой.",
        "kk": "{row}-жол: Орманда «{plot_id}» учаскесінде {date} күнгі «{species}» отырғызуы жоқ. Алдымен "
        "отырғызуларды жүктеңіз немесе учаскені, күнді не түрді отырғызуға дәл сәйкес келетіндей түзетіңіз.",
    },
    "counted_exceeds_planted": {
        "en": "Row {row}: {value} planting spots counted, but only {planted} seedlings were planted. Check the count.",
        "ru": "Строка {row}: учтено {value} посадочных мест, а посажено только {planted}. Проверьте учёт.",
        "kk": "{row}-жол: {value} отырғызу орны есепке алынған, ал небәрі {planted} көшет отырғызылған. Есепті тексеріңіз.",
    },
    "alive_exceeds_planted": {
        "en": "Row {row}: alive ({value}) is more than planted ({planted}). For a count on sample plots, fill in "
        "“counted” with the planting spots examined.",
        "ru": "Строка {row}: живых ({value}) больше, чем посажено ({planted}). Для учёта на площадках заполните "
        "«учтено мест» — сколько посадочных мест осмотрено.",
        "kk": "{row}-жол: тірі көшеттер ({value}) отырғызылғаннан ({planted}) көп. Алаңдардағы есеп үшін "
        "«есепке алынған орын» бағанына қаралған отырғызу орындарының санын жазыңыз.",
    },
    "older_survey": {
        "en": "Row {row}: the survey of {value} on plot “{plot_id}” is older than the one already in Orman ({latest}). "
        "It is kept in the history; the survey of {latest} stays current.",
        "ru": "Строка {row}: учёт от {value} на участке «{plot_id}» старше уже имеющегося в Ормане ({latest}). "
        "Он сохранён в истории; текущим остаётся учёт от {latest}.",
        "kk": "{row}-жол: «{plot_id}» учаскесіндегі {value} күнгі есеп Ормандағы есептен ({latest}) ескі. "
        "Ол тарихта сақталды; {latest} күнгі есеп ағымдағы болып қалады.",
    },
    "rollback_surveys_depend": {
        "en": "Batch {batch} cannot be rolled back: it added plantings that surveys ({surveys}) of batches {later} "
        "refer to. Roll back {later} first.",
        "ru": "Пакет {batch} нельзя откатить: он добавил посадки, на которые ссылаются учёты ({surveys}) пакетов "
        "{later}. Сначала откатите {later}.",
        "kk": "{batch} пакетін қайтаруға болмайды: ол қосқан отырғызуларға {later} пакеттерінің есептері "
        "({surveys}) сілтеме жасайды. Алдымен {later} пакетін қайтарыңыз.",
    },
    # --- the same problems as the app words them: it offers the layers to choose from, not --layer ---
    "several_layers_app": {
        "en": "The file has several polygon layers: {layers}. Choose the layer with the plots in the list above, "
        "or save that layer alone.",
        "ru": "В файле несколько полигональных слоёв: {layers}. Выберите слой с участками в списке выше или "
        "сохраните этот слой отдельно.",
        "kk": "Файлда бірнеше полигон қабаты бар: {layers}. Учаскелер қабатын жоғарыдағы тізімнен таңдаңыз "
        "немесе сол қабатты бөлек сақтаңыз.",
    },
    "zip_several_datasets_app": {
        "en": "The ZIP archive holds several layers ({datasets}). Choose the layer with the plots in the list "
        "above, or upload one layer per archive.",
        "ru": "В ZIP-архиве несколько слоёв ({datasets}). Выберите слой с участками в списке выше или загружайте "
        "по одному слою в архиве.",
        "kk": "ZIP мұрағатында бірнеше қабат бар ({datasets}). Учаскелер қабатын жоғарыдағы тізімнен таңдаңыз "
        "немесе әр мұрағатқа бір қабат салыңыз.",
    },
    "no_polygon_layer_app": {
        "en": "The {format} file has no polygon layer (layers: {layers}). Plots are polygons; points only with "
        "area_ha. Choose the layer to read in the list above.",
        "ru": "В файле {format} нет полигонального слоя (слои: {layers}). Участки — полигоны; точки — только с "
        "area_ha. Выберите слой в списке выше.",
        "kk": "{format} файлында полигон қабаты жоқ (қабаттар: {layers}). Учаскелер — полигондар; нүктелер тек "
        "area_ha бар болса. Оқылатын қабатты жоғарыдағы тізімнен таңдаңыз.",
    },
}

# --- hostile files (issue 18): what a file may make Orman allocate, and text Orman cannot keep ---
MESSAGES |= {
    "workbook_inflates": {
        "en": "The workbook unpacks to {size} MB, more than the {limit} MB Orman reads. Copy just the table into a "
        "new workbook (or save it as CSV) and upload that.",
        "ru": "Книга распаковывается в {size} МБ — больше {limit} МБ, которые читает Орман. Скопируйте только "
        "таблицу в новую книгу (или сохраните её как CSV) и загрузите её.",
        "kk": "Кітап ашылғанда {size} МБ болады — Орман оқитын {limit} МБ-тан көп. Тек кестені жаңа кітапқа "
        "көшіріңіз (не оны CSV ретінде сақтаңыз) де, соны жүктеңіз.",
    },
    "workbook_ratio": {
        "en": "A part of the workbook unpacks to {size} MB, {ratio} times its packed size (a real sheet is at most "
        "{limit} times): the file looks built to overload the server. Save the sheet again from Excel, or as CSV.",
        "ru": "Часть книги распаковывается в {size} МБ — в {ratio} раз больше сжатого размера (у настоящего листа "
        "не больше чем в {limit} раз): файл похож на созданный для перегрузки сервера. Сохраните лист заново из "
        "Excel или как CSV.",
        "kk": "Кітаптың бір бөлігі ашылғанда {size} МБ болады — сығылған көлемінен {ratio} есе көп (нақты парақта "
        "{limit} еседен аспайды): файл серверді шамадан тыс жүктеуге жасалған сияқты. Парақты Excel-ден қайта "
        "не CSV ретінде сақтаңыз.",
    },
    "workbook_lies": {
        "en": "The part “{member}” of the workbook unpacks to more than the {size} MB its table of contents "
        "declares: the file is damaged or built to overload the server. Save the sheet again from Excel.",
        "ru": "Часть «{member}» книги распаковывается в больший объём, чем {size} МБ, указанные в её оглавлении: "
        "файл повреждён или создан для перегрузки сервера. Сохраните лист заново из Excel.",
        "kk": "Кітаптың «{member}» бөлігі ашылғанда мазмұнында көрсетілген {size} МБ-тан көп болады: файл "
        "бүлінген не серверді шамадан тыс жүктеуге жасалған. Парақты Excel-ден қайта сақтаңыз.",
    },
    "sheet_too_large": {
        "en": "The sheet reaches cell {last} ({rows} rows × {columns} columns); Orman reads at most {limit} cells "
        "and {max_columns} columns. Delete the rows and columns beyond your table (Ctrl+End shows the last cell), "
        "or split the file.",
        "ru": "Лист доходит до ячейки {last} ({rows} строк × {columns} столбцов); Орман читает не больше {limit} "
        "ячеек и {max_columns} столбцов. Удалите строки и столбцы за пределами таблицы (Ctrl+End покажет "
        "последнюю ячейку) или разделите файл.",
        "kk": "Парақ {last} ұяшығына дейін жетеді ({rows} жол × {columns} баған); Орман ең көбі {limit} ұяшық "
        "пен {max_columns} баған оқиды. Кестеден тыс жолдар мен бағандарды жойыңыз (Ctrl+End соңғы ұяшықты "
        "көрсетеді) не файлды бөліңіз.",
    },
    "sheet_too_many_cells": {
        "en": "A sheet of the workbook has more than {cells} cells; Orman reads at most {limit}. Delete the rows and "
        "columns beyond your table, or split the file.",
        "ru": "На листе книги больше {cells} ячеек; Орман читает не больше {limit}. Удалите строки и столбцы за "
        "пределами таблицы или разделите файл.",
        "kk": "Кітап парағында {cells} ұяшықтан көп; Орман ең көбі {limit} ұяшық оқиды. Кестеден тыс жолдар мен "
        "бағандарды жойыңыз не файлды бөліңіз.",
    },
    "cell_too_long": {
        "en": "Cell {cell} holds {length} characters; a cell may hold at most {limit}. Shorten it or clear it, "
        "then upload the file again.",
        "ru": "В ячейке {cell} {length} символов; в ячейке может быть не больше {limit}. Сократите или очистите "
        "её и загрузите файл снова.",
        "kk": "{cell} ұяшығында {length} таңба бар; ұяшықта ең көбі {limit} таңба болады. Оны қысқартыңыз не "
        "тазалаңыз да, файлды қайта жүктеңіз.",
    },
    "too_many_columns": {
        "en": "Line {line} has {columns} columns; a table may have at most {limit}. Check the delimiter of that "
        "line, or save the sheet again from Excel as “CSV (semicolon delimited)”.",
        "ru": "В строке {line} {columns} столбцов; в таблице может быть не больше {limit}. Проверьте разделители "
        "в этой строке или сохраните лист заново из Excel как «CSV (разделители — точка с запятой)».",
        "kk": "{line}-жолда {columns} баған бар; кестеде ең көбі {limit} баған болады. Сол жолдың бөлгіштерін "
        "тексеріңіз не парақты Excel-ден «CSV (нүктелі үтірмен бөлінген)» ретінде қайта сақтаңыз.",
    },
    "line_too_long": {
        "en": "Line {line} is {length} characters long; a line may be at most {limit}. The file may be damaged or "
        "not a table: save the sheet again from Excel as CSV or .xlsx.",
        "ru": "Строка {line} длиной {length} символов; строка может быть не длиннее {limit}. Файл, возможно, "
        "повреждён или это не таблица: сохраните лист заново из Excel как CSV или .xlsx.",
        "kk": "{line}-жолдың ұзындығы {length} таңба; жол ең көбі {limit} таңба болады. Файл бүлінген не кесте "
        "емес болуы мүмкін: парақты Excel-ден CSV не .xlsx ретінде қайта сақтаңыз.",
    },
}

# --- reports kept bounded (issue 18): the warnings of one kind past the first ones, overlaps not measured ---
MESSAGES |= {
    "more_warnings": {
        "en": {
            "one": "…and {count} more warning like the one above, not listed (a report lists the first {limit} of "
            "each kind). Correct those above and check the file again.",
            "other": "…and {count} more warnings like the one above, not listed (a report lists the first {limit} "
            "of each kind). Correct those above and check the file again.",
        },
        "ru": {
            "one": "…и ещё {count} такое же предупреждение, как выше, не показано (в отчёте — первые {limit} "
            "каждого вида). Исправьте показанные и проверьте файл снова.",
            "few": "…и ещё {count} таких же предупреждения, как выше, не показаны (в отчёте — первые {limit} "
            "каждого вида). Исправьте показанные и проверьте файл снова.",
            "many": "…и ещё {count} таких же предупреждений, как выше, не показаны (в отчёте — первые {limit} "
            "каждого вида). Исправьте показанные и проверьте файл снова.",
            "other": "…и ещё {count} такого же предупреждения, как выше, не показаны (в отчёте — первые {limit} "
            "каждого вида). Исправьте показанные и проверьте файл снова.",
        },
        "kk": {
            "other": "…және жоғарыдағыдай тағы {count} ескерту көрсетілмеді (есепте әр түрдің алғашқы {limit} "
            "ескертуі ғана). Көрсетілгендерін түзетіп, файлды қайта тексеріңіз."
        },
    },
    "overlaps_unchecked": {
        "en": {
            "one": "{count} plot was not checked for overlaps: the plots of this file overlap one another or the "
            "stored ones too often ({pairs} pairs measured). Correct the overlaps listed and check the file again.",
            "other": "{count} plots were not checked for overlaps: the plots of this file overlap one another or "
            "the stored ones too often ({pairs} pairs measured). Correct the overlaps listed and check the file "
            "again.",
        },
        "ru": {
            "one": "{count} участок не проверен на пересечения: участки файла слишком часто пересекаются друг с "
            "другом или с сохранёнными (измерено пар: {pairs}). Исправьте показанные пересечения и проверьте файл "
            "снова.",
            "few": "{count} участка не проверены на пересечения: участки файла слишком часто пересекаются друг с "
            "другом или с сохранёнными (измерено пар: {pairs}). Исправьте показанные пересечения и проверьте файл "
            "снова.",
            "many": "{count} участков не проверены на пересечения: участки файла слишком часто пересекаются друг "
            "с другом или с сохранёнными (измерено пар: {pairs}). Исправьте показанные пересечения и проверьте "
            "файл снова.",
            "other": "{count} участка не проверены на пересечения: участки файла слишком часто пересекаются друг "
            "с другом или с сохранёнными (измерено пар: {pairs}). Исправьте показанные пересечения и проверьте "
            "файл снова.",
        },
        "kk": {
            "other": "{count} учаске қабаттасуға тексерілмеді: файлдың учаскелері бір-бірімен не сақталғандармен "
            "тым жиі қабаттасады (өлшенген жұптар: {pairs}). Көрсетілген қабаттасуларды түзетіп, файлды қайта "
            "тексеріңіз."
        },
    },
}

# --- hostile files (issue 18): keys that look alike, text the store cannot keep, mixed encodings, odd JSON ---
MESSAGES |= {
    "invisible_characters": {
        "en": "Row {row}: “{column}” holds invisible or look-alike characters (a zero-width space, a BOM, a no-break "
        "space, a letter typed in two parts such as и + ˘); it is read as “{value}”, the same as when typed plainly.",
        "ru": "Строка {row}: в «{column}» есть невидимые или похожие символы (пробел нулевой ширины, BOM, "
        "неразрывный пробел, буква из двух частей, например и + ˘); значение прочитано как «{value}», так же, "
        "как если бы его набрали обычно.",
        "kk": "{row}-жол: «{column}» ішінде көрінбейтін не ұқсас таңбалар бар (ені нөл бос орын, BOM, үзілмейтін "
        "бос орын, екі бөліктен терілген әріп, мысалы и + ˘); мән «{value}» ретінде оқылды — қарапайым терілгендей.",
    },
    "invisible_characters_feature": {
        "en": "Feature {row} ({plot_id}): “{column}” holds invisible or look-alike characters (a zero-width space, "
        "a BOM, a no-break space, a letter typed in two parts); it is read as “{value}”, the same as when typed "
        "plainly.",
        "ru": "Объект {row} ({plot_id}): в «{column}» есть невидимые или похожие символы (пробел нулевой ширины, "
        "BOM, неразрывный пробел, буква из двух частей); значение прочитано как «{value}», так же, как если бы его "
        "набрали обычно.",
        "kk": "{row}-нысан ({plot_id}): «{column}» ішінде көрінбейтін не ұқсас таңбалар бар (ені нөл бос орын, BOM, "
        "үзілмейтін бос орын, екі бөліктен терілген әріп); мән «{value}» ретінде оқылды — қарапайым терілгендей.",
    },
    "bad_character": {
        "en": "Row {row}: “{column}” holds the character {character} (a NUL or half of a broken character), which "
        "no database can keep. Retype the cell.",
        "ru": "Строка {row}: в «{column}» есть символ {character} (NUL или половина испорченного символа), который "
        "не может храниться в базе данных. Наберите ячейку заново.",
        "kk": "{row}-жол: «{column}» ішінде {character} таңбасы бар (NUL не бүлінген таңбаның жартысы), оны "
        "дерекқор сақтай алмайды. Ұяшықты қайта теріңіз.",
    },
    "bad_character_feature": {
        "en": "Feature {row} ({plot_id}): “{column}” holds the character {character} (a NUL or half of a broken "
        "character), which no database can keep. Retype the value.",
        "ru": "Объект {row} ({plot_id}): в «{column}» есть символ {character} (NUL или половина испорченного "
        "символа), который не может храниться в базе данных. Наберите значение заново.",
        "kk": "{row}-нысан ({plot_id}): «{column}» ішінде {character} таңбасы бар (NUL не бүлінген таңбаның "
        "жартысы), оны дерекқор сақтай алмайды. Мәнді қайта теріңіз.",
    },
    "text_too_long": {
        "en": "Row {row}: “{column}” is {length} characters long; Orman keeps at most {limit}. Shorten it.",
        "ru": "Строка {row}: «{column}» длиной {length} символов; Орман хранит не больше {limit}. Сократите текст.",
        "kk": "{row}-жол: «{column}» ұзындығы {length} таңба; Орман ең көбі {limit} таңба сақтайды. Мәтінді "
        "қысқартыңыз.",
    },
    "text_too_long_feature": {
        "en": "Feature {row} ({plot_id}): “{column}” is {length} characters long; Orman keeps at most {limit}. "
        "Shorten it.",
        "ru": "Объект {row} ({plot_id}): «{column}» длиной {length} символов; Орман хранит не больше {limit}. "
        "Сократите текст.",
        "kk": "{row}-нысан ({plot_id}): «{column}» ұзындығы {length} таңба; Орман ең көбі {limit} таңба сақтайды. "
        "Мәтінді қысқартыңыз.",
    },
    "implausible_point_area": {
        "en": "Feature {row} ({plot_id}) is a point declaring {value} ha in “{column}”; no plot is larger than "
        "{limit} ha. Check the unit (hectares, not square metres) or draw the plot's boundary.",
        "ru": "Объект {row} ({plot_id}) — точка с площадью {value} га в «{column}»; участков больше {limit} га не "
        "бывает. Проверьте единицы (гектары, а не квадратные метры) или нарисуйте границу участка.",
        "kk": "{row}-нысан ({plot_id}) — «{column}» бағанында {value} га ауданы көрсетілген нүкте; {limit} га-дан "
        "үлкен учаске болмайды. Өлшем бірлігін тексеріңіз (шаршы метр емес, гектар) не учаске шекарасын сызыңыз.",
    },
    "mixed_encoding": {
        "en": "The file mixes two text encodings: line {utf8_line} is UTF-8, line {line} is not (Windows-1251?). "
        "Read as either, the other lines would become garbled names. Save the whole table again in one "
        "encoding (CSV UTF-8) and upload that.",
        "ru": "В файле смешаны две кодировки: строка {utf8_line} в UTF-8, строка {line} — нет (Windows-1251?). В "
        "любой из них другие строки превратились бы в искажённые названия. Сохраните всю таблицу заново в одной "
        "кодировке (CSV UTF-8) и загрузите её.",
        "kk": "Файлда екі кодталу араласқан: {utf8_line}-жол UTF-8, ал {line}-жол олай емес (Windows-1251?). "
        "Қайсысымен оқысақ та, қалған жолдар бұрмаланған атауларға айналар еді. Бүкіл кестені бір кодталумен "
        "(CSV UTF-8) қайта сақтап, соны жүктеңіз.",
    },
    "lone_surrogate_line": {
        "en": "Line {line} holds a broken character (half of a UTF-16 pair written as UTF-8), which no database can "
        "keep. Retype that line, or save the table again from Excel.",
        "ru": "В строке {line} есть испорченный символ (половина пары UTF-16, записанная как UTF-8), который не "
        "может храниться в базе данных. Наберите строку заново или сохраните таблицу из Excel ещё раз.",
        "kk": "{line}-жолда бүлінген таңба бар (UTF-8 ретінде жазылған UTF-16 жұбының жартысы), оны дерекқор "
        "сақтай алмайды. Жолды қайта теріңіз не кестені Excel-ден қайта сақтаңыз.",
    },
    "duplicate_key": {
        "en": "Feature {row}: the name {keys} is given twice in one object; the last value is used. Keep one.",
        "ru": "Объект {row}: имя {keys} указано дважды в одном объекте; взято последнее значение. Оставьте одно.",
        "kk": "{row}-нысан: {keys} атауы бір объектіде екі рет берілген; соңғы мәні алынды. Біреуін қалдырыңыз.",
    },
    "duplicate_key_file": {
        "en": "The GeoJSON gives the name {keys} twice at its top level; the last value is used. Keep one.",
        "ru": "В GeoJSON имя {keys} указано дважды на верхнем уровне; взято последнее значение. Оставьте одно.",
        "kk": "GeoJSON-да {keys} атауы жоғарғы деңгейде екі рет берілген; соңғы мәні алынды. Біреуін қалдырыңыз.",
    },
    "archive_inflates": {
        "en": "The archive unpacks to {size} MB, more than the {limit} MB Orman reads. Put only the plot layer's "
        "files in a new archive and upload that.",
        "ru": "Архив распаковывается в {size} МБ — больше {limit} МБ, которые читает Орман. Положите в новый архив "
        "только файлы слоя участков и загрузите его.",
        "kk": "Мұрағат ашылғанда {size} МБ болады — Орман оқитын {limit} МБ-тан көп. Жаңа мұрағатқа тек учаскелер "
        "қабатының файлдарын салып, соны жүктеңіз.",
    },
    "archive_ratio": {
        "en": "A file in the archive unpacks to {size} MB, {ratio} times its packed size (real GIS files are at "
        "most {limit} times): the archive looks built to overload the server. Pack the plot layer again.",
        "ru": "Файл в архиве распаковывается в {size} МБ — в {ratio} раз больше сжатого размера (у настоящих "
        "файлов ГИС не больше чем в {limit} раз): архив похож на созданный для перегрузки сервера. Упакуйте слой "
        "участков заново.",
        "kk": "Мұрағаттағы файл ашылғанда {size} МБ болады — сығылған өлшемінен {ratio} есе көп (нағыз ГАЖ "
        "файлдарында ең көбі {limit} есе): мұрағат серверді шамадан тыс жүктеу үшін жасалған сияқты. Учаскелер "
        "қабатын қайта бумалаңыз.",
    },
    "user_too_long": {
        "en": "The name given with --user is {length} characters long; a name in Orman has at most {limit}. "
        "Give an account's name.",
        "ru": "Имя в --user длиной {length} символов; имя в Ормане — не больше {limit}. Укажите имя учётной записи.",
        "kk": "--user ішіндегі атау ұзындығы {length} таңба; Ормандағы атау ең көбі {limit} таңба. Тіркелгі "
        "атауын көрсетіңіз.",
    },
    "user_bad_character": {
        "en": "The name given with --user holds a character that is not in the terminal's encoding. Give an "
        "account's name.",
        "ru": "В имени --user есть символ не из кодировки терминала. Укажите имя учётной записи.",
        "kk": "--user атауында терминал кодталуына жатпайтын таңба бар. Тіркелгі атауын көрсетіңіз.",
    },
    "point_in_plot": {
        "en": "Plot {point} was given as a point, and the point lies inside plot {plot}: possible double count.",
        "ru": "Участок {point} задан точкой, и эта точка лежит внутри участка {plot}: возможен двойной учёт.",
        "kk": "{point} учаскесі нүктемен берілген, ал ол нүкте {plot} учаскесінің ішінде жатыр: қайта есептелуі "
        "мүмкін.",
    },
    "same_point": {
        "en": "Plots {plot_id} and {other} were both given as points at the same place: possible double count.",
        "ru": "Участки {plot_id} и {other} заданы точками в одном и том же месте: возможен двойной учёт.",
        "kk": "{plot_id} және {other} учаскелері бір орындағы нүктелермен берілген: қайта есептелуі мүмкін.",
    },
    "unknown_species": {
        "en": "Row {row}: “{value}” is not in Orman's list of species; it is kept as written and counted as a "
        "species of its own. Closest names: {suggestions[en]}. Write the species as the list names it.",
        "ru": "Строка {row}: «{value}» нет в списке пород Ормана; порода сохранена как написана и учтена "
        "отдельно. Ближайшие названия: {suggestions[ru]}. Напишите породу так, как в списке.",
        "kk": "{row}-жол: «{value}» Орманның түрлер тізімінде жоқ; жазылғандай сақталып, бөлек түр ретінде "
        "есептелді. Ең жақын атаулар: {suggestions[kk]}. Түрді тізімдегідей жазыңыз.",
    },
    "implausible_density": {
        "en": "Row {row}: with this planting plot {plot_id} holds {density} trees per hectare, more than any "
        "planting has (at most {limit}). Check the number in “{column}” and the plot's area.",
        "ru": "Строка {row}: с этой посадкой на участке {plot_id} {density} деревьев на гектар — больше, чем "
        "бывает в посадках (не более {limit}). Проверьте число в «{column}» и площадь участка.",
        "kk": "{row}-жол: осы отырғызумен {plot_id} учаскесінде гектарына {density} ағаш — отырғызуларда "
        "болатыннан көп (ең көбі {limit}). «{column}» ішіндегі санды және учаске ауданын тексеріңіз.",
    },
    # --- sign-off (geo.store.signoff) ---
    "rollback_not_approved": {
        "en": "Batch {batch} was never applied (it awaits approval or was rejected): there is nothing to roll back.",
        "ru": "Пакет {batch} не применялся (ждёт утверждения или отклонён): откатывать нечего.",
        "kk": "{batch} пакеті қолданылмаған (бекітуді күтуде немесе қабылданбаған): қайтаратын ештеңе жоқ.",
    },
    "batch_not_submitted": {
        "en": "Batch {batch} is not waiting for approval: it was approved, rejected or rolled back already. The "
        "history shows what became of it.",
        "ru": "Пакет {batch} не ждёт утверждения: он уже утверждён, отклонён или откачен. Что с ним стало, видно в "
        "истории.",
        "kk": "{batch} пакеті бекітуді күтпейді: ол бекітілген, қабылданбаған немесе қайтарылған. Оның не болғаны "
        "тарихта көрсетілген.",
    },
    "approve_invalid": {
        "en": "Batch {batch} cannot be approved: checked against the store as it is now, it has errors ({errors}). "
        "Reject it with the reason, so that its uploader corrects the file.",
        "ru": "Пакет {batch} нельзя утвердить: при проверке по текущему состоянию хранилища в нём ошибки ({errors}). "
        "Отклоните его с указанием причины, чтобы автор исправил файл.",
        "kk": "{batch} пакетін бекітуге болмайды: қойманың қазіргі күйі бойынша тексергенде қателер бар ({errors}). "
        "Автор файлды түзетуі үшін оны себебін көрсетіп қабылдамаңыз.",
    },
    "reject_needs_reason": {
        "en": "Say why batch {batch} is rejected: its uploader needs the reason to correct it.",
        "ru": "Укажите, почему пакет {batch} отклонён: автору нужна причина, чтобы исправить его.",
        "kk": "{batch} пакеті неге қабылданбағанын жазыңыз: автор оны түзету үшін себебін білуі керек.",
    },
    "reason_too_long": {
        "en": "The reason is {length} characters long; at most {limit} are kept. Say it in fewer words.",
        "ru": "Причина длиной {length} символов; сохраняется не более {limit}. Напишите короче.",
        "kk": "Себеп ұзындығы {length} таңба; ең көбі {limit} сақталады. Қысқарақ жазыңыз.",
    },
    "bad_operation": {
        "en": "Row {row}: “{column}” is “{value}”, which is no operation Orman knows. Write one of: {words[en]} "
        "(or leave it empty for a planting).",
        "ru": "Строка {row}: в «{column}» указано «{value}» — такого вида работ Орман не знает. Напишите одно из: "
        "{words[ru]} (или оставьте пустым для посадки).",
        "kk": "{row}-жол: «{column}» ішінде «{value}» — Орман мұндай жұмыс түрін білмейді. Мыналардың бірін "
        "жазыңыз: {words[kk]} (отырғызу үшін бос қалдыруға болады).",
    },
    "sowing_without_area": {
        "en": "Row {row}: a sowing is counted in hectares, and “{column}” is empty. Write the hectares sown, "
        "e.g. 12,5.",
        "ru": "Строка {row}: посев учитывается в гектарах, а «{column}» не заполнено. Укажите засеянную площадь, "
        "например 12,5.",
        "kk": "{row}-жол: себу гектармен есептеледі, ал «{column}» толтырылмаған. Егілген ауданды жазыңыз, "
        "мысалы 12,5.",
    },
    "bad_sown_area": {
        "en": "Row {row}: “{column}” is “{value}”, not a positive number of hectares. Write it like 12.5 or 12,5.",
        "ru": "Строка {row}: «{column}» = «{value}» — это не положительное число гектаров. Пишите 12.5 или 12,5.",
        "kk": "{row}-жол: «{column}» = «{value}» — бұл гектардың оң саны емес. 12.5 не 12,5 түрінде жазыңыз.",
    },
    "survey_not_of_planting": {
        "en": "Row {row} is a gap-filling or a sowing: its “{column}” and survey date are not counted. Survival is "
        "counted on the planting itself (its own row or a survey of it).",
        "ru": "Строка {row} — дополнение или посев: её «{column}» и дата учёта не учитываются. Приживаемость "
        "считается по самой посадке (её строке или учёту посадки).",
        "kk": "{row}-жол — толықтыру не себу: оның «{column}» мәні мен есеп күні есептелмейді. Сақталуы "
        "отырғызудың өзі бойынша есептеледі (оның жолы не түгендеуі).",
    },
    "gap_filling_without_planting": {
        "en": "Row {row}: a gap-filling of plot {plot_id} on {date}, but the plot has no planting on or before "
        "that day, neither in Orman nor in this file. Gap-filling replaces dead seedlings of an earlier planting: "
        "upload the planting, or correct the plot, the date or “{column}”.",
        "ru": "Строка {row}: дополнение на участке {plot_id} от {date}, но посадки на этом участке в этот день или "
        "раньше нет ни в Ормане, ни в этом файле. Дополнение заменяет погибшие саженцы прежней посадки: "
        "загрузите посадку или исправьте участок, дату либо «{column}».",
        "kk": "{row}-жол: {plot_id} учаскесінде {date} толықтыру, бірақ учаскеде сол күні не одан бұрын отырғызу "
        "жоқ — Орманда да, осы файлда да. Толықтыру бұрынғы отырғызудың өлген көшеттерін ауыстырады: "
        "отырғызуды жүктеңіз немесе учаскені, күнді не «{column}» мәнін түзетіңіз.",
    },
    "bad_reason": {
        "en": "Row {row}: “{value}” in “{column}” is not a reason for a write-off. Write one of: {accepted[en]}.",
        "ru": "Строка {row}: «{value}» в «{column}» — не причина списания. Укажите одно из: {accepted[ru]}.",
        "kk": "{row}-жол: «{column}» ішіндегі «{value}» — есептен шығару себебі емес. Мыналардың бірін жазыңыз: "
        "{accepted[kk]}.",
    },
    "act_before_planting": {
        "en": "Row {row}: the planting “{column}” {value} is after the act's date {date}: an act writes off only "
        "what was planted before it. Check both dates.",
        "ru": "Строка {row}: «{column}» {value} позже даты акта {date}: акт списывает только посаженное до него. "
        "Проверьте обе даты.",
        "kk": "{row}-жол: «{column}» {value} акт күнінен ({date}) кейін: акт тек одан бұрын отырғызылғанды "
        "есептен шығарады. Екі күнді де тексеріңіз.",
    },
    "writeoff_nothing_planted": {
        "en": "Row {row}: plot {plot_id} has nothing planted on or before the act's date {value}: the act writes "
        "nothing off yet. Check the plot and the date.",
        "ru": "Строка {row}: на участке {plot_id} нет посадок на дату акта {value} или раньше: акт пока ничего не "
        "списывает. Проверьте участок и дату.",
        "kk": "{row}-жол: {plot_id} учаскесінде акт күніне ({value}) дейін отырғызу жоқ: акт әзірге ештеңені "
        "есептен шығармайды. Учаске мен күнді тексеріңіз.",
    },
}
