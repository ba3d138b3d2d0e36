"""User-interface strings: key -> {"en", "ru", "kk"}; a language's text may be one per CLDR plural category of
``count`` ({"one": …, "few": …, "many": …, "other": …}; "other" always), chosen by geo.i18n.t."""

UI: dict[str, dict[str, str | dict[str, str]]] = {
    "app_title": {
        "en": "Orman — reforestation progress",
        "ru": "Орман — ход лесовосстановления",
        "kk": "Орман — орман молықтыру барысы",
    },
    # --- App (app.py, pages/) ---
    "nav_overview": {"en": "Overview", "ru": "Обзор", "kk": "Шолу"},
    "nav_map": {"en": "Map", "ru": "Карта", "kk": "Карта"},
    "nav_progress": {"en": "Progress", "ru": "Ход работ", "kk": "Барысы"},
    "nav_upload": {"en": "Upload", "ru": "Загрузка", "kk": "Жүктеу"},
    "nav_history": {"en": "History", "ru": "История", "kk": "Тарих"},
    "app_tagline": {
        "en": "Partnership programme toward Kazakhstan's 2 billion trees",
        "ru": "Партнёрская программа на пути к 2 млрд деревьев Казахстана",
        "kk": "Қазақстанның 2 млрд ағашына жету жолындағы серіктестік бағдарламасы",
    },
    "lang_label": {"en": "Language", "ru": "Язык", "kk": "Тіл"},
    "filters_title": {"en": "Filters", "ru": "Фильтры", "kk": "Сүзгілер"},
    "filters_caption": {
        "en": "Apply to the map and the progress charts.",
        "ru": "Действуют на карту и графики хода работ.",
        "kk": "Карта мен барыс графиктеріне қолданылады.",
    },
    "filter_region": {"en": "Region", "ru": "Область", "kk": "Облыс"},
    "filter_partner": {"en": "Partner", "ru": "Партнёр", "kk": "Серіктес"},
    "filter_species": {"en": "Species", "ru": "Порода", "kk": "Ағаш түрі"},
    "filter_year": {"en": "Year", "ru": "Год", "kk": "Жыл"},
    "filter_all": {"en": "All", "ru": "Все", "kk": "Барлығы"},
    "filters_reset": {"en": "Clear filters", "ru": "Сбросить фильтры", "kk": "Сүзгілерді тазалау"},
    "no_partner": {"en": "(no partner)", "ru": "(без партнёра)", "kk": "(серіктессіз)"},
    "error_generic": {
        "en": "Something went wrong ({detail}). Nothing was changed. Try again; if it happens again, tell the "
        "administrator.",
        "ru": "Что-то пошло не так ({detail}). Ничего не изменено. Попробуйте ещё раз; если повторится, сообщите "
        "администратору.",
        "kk": "Бірдеңе дұрыс болмады ({detail}). Ештеңе өзгертілген жоқ. Қайталап көріңіз; қайталанса, әкімшіге "
        "хабарлаңыз.",
    },
    "no_data": {
        "en": "No data for this selection.",
        "ru": "Нет данных для этого выбора.",
        "kk": "Бұл таңдау бойынша дерек жоқ.",
    },
    # Overview
    "overview_title": {
        "en": "Where the programme stands",
        "ru": "Где сейчас программа",
        "kk": "Бағдарлама қазір қай кезеңде",
    },
    "overview_caption": {
        "en": "Programme data: plots and plantings uploaded by partner universities and forestry units.",
        "ru": "Данные программы: участки и посадки, загруженные вузами-партнёрами и лесхозами.",
        "kk": "Бағдарлама деректері: серіктес университеттер мен орман шаруашылықтары жүктеген учаскелер мен "
        "отырғызулар.",
    },
    "kpi_planted": {"en": "Trees planted", "ru": "Посажено деревьев", "kk": "Отырғызылған ағаштар"},
    "kpi_surviving": {"en": "Survival-adjusted", "ru": "С учётом приживаемости", "kk": "Сақталуды ескергенде"},
    "kpi_surviving_help": {
        "en": "Planted trees multiplied by the survival measured at the latest surveys ({rate}); plots not yet "
        "surveyed count at that rate too.",
        "ru": "Посаженные деревья, умноженные на приживаемость по последним учётам ({rate}); участки без учёта "
        "считаются с той же долей.",
        "kk": "Соңғы есептердегі сақталу деңгейіне ({rate}) көбейтілген отырғызылған ағаштар; есеп жүргізілмеген "
        "учаскелер де сол үлеспен есептеледі.",
    },
    "kpi_survival_rate": {"en": "survival {rate}", "ru": "приживаемость {rate}", "kk": "сақталу {rate}"},
    "kpi_target": {"en": "Of the 2 billion target", "ru": "От цели в 2 млрд", "kk": "2 млрд мақсаттан"},
    "kpi_plots": {"en": "Plots", "ru": "Участков", "kk": "Учаскелер"},
    "kpi_area": {"en": "Hectares", "ru": "Гектаров", "kk": "Гектар"},
    "kpi_partners": {"en": "Partners", "ru": "Партнёров", "kk": "Серіктестер"},
    "trajectory_title": {
        "en": "Planted so far and the straight line to the deadline",
        "ru": "Посажено и прямая линия к сроку",
        "kk": "Отырғызылғаны және мерзімге дейінгі түзу сызық",
    },
    "trajectory_caption": {
        "en": "Cumulative trees planted by month, and the even pace from the first planting to {target} trees by "
        "{deadline}.",
        "ru": "Посажено нарастающим итогом по месяцам и равномерный темп от первой посадки до {target} деревьев к "
        "{deadline}",
        "kk": "Айлар бойынша жинақталған отырғызу және алғашқы отырғызудан {deadline} дейін {target} ағашқа "
        "бірқалыпты қарқын.",
    },
    "series_planted": {
        "en": "Planted (cumulative)",
        "ru": "Посажено (нарастающим итогом)",
        "kk": "Отырғызылды (жинақталған)",
    },
    "series_straight": {"en": "Straight line to the target", "ru": "Прямая линия к цели", "kk": "Мақсатқа түзу сызық"},
    "axis_month": {"en": "Month", "ru": "Месяц", "kk": "Ай"},
    "axis_trees": {"en": "Trees", "ru": "Деревьев", "kk": "Ағаштар"},
    "axis_series": {"en": "Series", "ru": "Ряд", "kk": "Қатар"},
    "pace_title": {"en": "Pace", "ru": "Темп", "kk": "Қарқын"},
    "pace_required": {
        "en": "Needed per month to the deadline",
        "ru": "Нужно в месяц до срока",
        "kk": "Мерзімге дейін айына қажет",
    },
    "pace_required_help": {
        "en": "{remaining} trees left, {months} months to {deadline}.",
        "ru": "Осталось {remaining} деревьев; до {deadline} — {months} мес.",
        "kk": "{remaining} ағаш қалды, {deadline} дейін {months} ай.",
    },
    "pace_current": {"en": "Current pace per month", "ru": "Текущий темп в месяц", "kk": "Айлық қазіргі қарқын"},
    "pace_current_help": {
        "en": "Average of the last {months} months.",
        "ru": "Среднее за последние {months} мес.",
        "kk": "Соңғы {months} айдың орташасы.",
    },
    "pace_projection": {
        "en": "Target reached at this pace",
        "ru": "Цель будет достигнута при этом темпе",
        "kk": "Осы қарқынмен мақсатқа жету",
    },
    "pace_never": {
        "en": "not within {years} years",
        "ru": "не в ближайшие {years} лет",
        "kk": "{years} жыл ішінде жетпейді",
    },
    "pace_done": {"en": "reached", "ru": "достигнута", "kk": "орындалды"},
    "pace_behind": {
        "en": "At the current pace the target is reached after the deadline: {factor}× today's pace is needed.",
        "ru": "При текущем темпе цель достигается после срока: нужен темп в {factor} раза выше нынешнего.",
        "kk": "Қазіргі қарқынмен мақсатқа мерзімнен кейін жетеді: қазіргіден {factor} есе жоғары қарқын керек.",
    },
    "pace_ahead": {
        "en": "At the current pace the target is reached before the deadline.",
        "ru": "При текущем темпе цель достигается до срока.",
        "kk": "Қазіргі қарқынмен мақсатқа мерзімнен бұрын жетеді.",
    },
    "context_title": {"en": "National context", "ru": "Национальный контекст", "kk": "Ұлттық контекст"},
    "context_caption": {
        "en": "Reported by the government, not programme data. Figures for the whole state forest fund, as "
        "published, with their dates.",
        "ru": "Данные правительства, а не программы. Цифры по всему государственному лесному фонду, как они "
        "опубликованы, с датами.",
        "kk": "Бағдарлама деректері емес, үкімет жариялаған мәліметтер. Бүкіл мемлекеттік орман қоры бойынша "
        "сандар, жарияланған күндерімен.",
    },
    "context_target": {
        "en": "National target: 2 billion trees in the state forest fund (set in 2021), deadline moved from the end "
        "of 2025 to the end of 2027; at least 65 % of seedlings must survive.",
        "ru": "Национальная цель: 2 млрд деревьев в государственном лесном фонде (поставлена в 2021 году), срок "
        "перенесён с конца 2025 на конец 2027 года; приживаемость не ниже 65 %.",
        "kk": "Ұлттық мақсат: мемлекеттік орман қорында 2 млрд ағаш (2021 жылы қойылған), мерзім 2025 жылдың "
        "соңынан 2027 жылдың соңына ауыстырылды; көшеттердің кемінде 65 %-ы сақталуы тиіс.",
    },
    "context_survival": {
        "en": "Survival is not reflected in the reported totals (Prime Minister); measured three-year survival in "
        "Akmola and Zhetysu regions was no higher than 60 %, about 30 % for saxaul.",
        "ru": "Приживаемость не отражена в отчётных итогах (Премьер-министр); измеренная трёхлетняя приживаемость в "
        "Акмолинской области и области Жетісу — не выше 60 %, у саксаула — около 30 %.",
        "kk": "Есептік қорытындыларда сақталу көрсетілмейді (Премьер-Министр); Ақмола және Жетісу облыстарында "
        "өлшенген үш жылдық сақталу 60 %-дан аспайды, сексеуілде — шамамен 30 %.",
    },
    "context_col_when": {"en": "As of", "ru": "Дата", "kk": "Күні"},
    "context_col_figure": {"en": "Reported figure", "ru": "Сообщённая цифра", "kk": "Хабарланған көрсеткіш"},
    "context_col_source": {"en": "Reported by", "ru": "Источник", "kk": "Дереккөз"},
    "context_2021_when": {"en": "2021 (year)", "ru": "2021 (год)", "kk": "2021 (жыл)"},
    "context_2021": {
        "en": "138.0 million trees on 66.0 thousand ha (plan: 130 million on 61.7 thousand ha)",
        "ru": "138,0 млн деревьев на 66,0 тыс. га (план: 130 млн на 61,7 тыс. га)",
        "kk": "66,0 мың га-да 138,0 млн ағаш (жоспар: 61,7 мың га-да 130 млн)",
    },
    "context_2022_when": {"en": "2022 (plan)", "ru": "2022 (план)", "kk": "2022 (жоспар)"},
    "context_2022": {
        "en": "278.8 million trees on 111.5 thousand ha",
        "ru": "278,8 млн деревьев на 111,5 тыс. га",
        "kk": "111,5 мың га-да 278,8 млн ағаш",
    },
    "context_2023": {"en": "839.5 million seedlings", "ru": "839,5 млн сеянцев", "kk": "839,5 млн көшет"},
    "context_2024": {
        "en": "1.15 billion; deadline moved to the end of 2027",
        "ru": "1,15 млрд; срок перенесён на конец 2027 года",
        "kk": "1,15 млрд; мерзім 2027 жылдың соңына ауыстырылды",
    },
    "context_2025a": {
        "en": "1.4 billion in all; 2025: 270 million of a 370 million plan",
        "ru": "всего 1,4 млрд; 2025 год: 270 млн при плане 370 млн",
        "kk": "барлығы 1,4 млрд; 2025 жыл: 370 млн жоспардың 270 млн-ы",
    },
    "context_2025b": {
        "en": "about 1.5 billion for 2021–2025; more than 208 million planned for 2026",
        "ru": "около 1,5 млрд за 2021–2025 годы; на 2026 год запланировано более 208 млн",
        "kk": "2021–2025 жылдары шамамен 1,5 млрд; 2026 жылға 208 млн-нан астам жоспарланған",
    },
    "source_forestry_committee": {
        "en": "Forestry Committee",
        "ru": "Комитет лесного хозяйства",
        "kk": "Орман шаруашылығы комитеті",
    },
    "source_fc_press": {
        "en": "Forestry Committee, via press",
        "ru": "Комитет лесного хозяйства, через СМИ",
        "kk": "Орман шаруашылығы комитеті, БАҚ арқылы",
    },
    "source_ministry": {
        "en": "Ministry of Ecology, via Kazinform",
        "ru": "Министерство экологии, через Казинформ",
        "kk": "Экология министрлігі, Қазинформ арқылы",
    },
    "source_kazinform": {"en": "Kazinform", "ru": "Казинформ", "kk": "Қазинформ"},
    # Empty store
    "empty_title": {"en": "No data yet", "ru": "Данных пока нет", "kk": "Әзірге дерек жоқ"},
    "empty_body": {
        "en": "Orman counts trees from two kinds of files. Upload the plots first, then the plantings on them.",
        "ru": "Орман считает деревья по файлам двух видов. Сначала загрузите участки, затем посадки на них.",
        "kk": "Орман ағаштарды екі түрлі файл бойынша есептейді. Алдымен учаскелерді, содан кейін оларға "
        "отырғызуларды жүктеңіз.",
    },
    "empty_plots": {
        "en": "**Plots** — GeoJSON, KML/KMZ, GeoPackage, or a Shapefile or MapInfo table zipped, one feature per "
        "plot (a polygon; coordinates in another system are reprojected), or a table of points with `lon`, `lat` "
        "and `area_ha`: `plot_id` and `region` required; `name`, `partner`, `forestry`, `block`, `compartment`, "
        "`area_ha` optional.",
        "ru": "**Участки** — GeoJSON, KML/KMZ, GeoPackage или Shapefile либо таблица MapInfo в ZIP-архиве, один "
        "объект на участок (полигон; координаты в другой системе пересчитываются), или таблица точек с `lon`, "
        "`lat` и `area_ha`: обязательны `plot_id` и `region`; по желанию `name`, `partner`, `forestry`, `block`, "
        "`compartment`, `area_ha`.",
        "kk": "**Учаскелер** — GeoJSON, KML/KMZ, GeoPackage немесе ZIP мұрағатындағы Shapefile не MapInfo кестесі, "
        "әр учаскеге бір объект (полигон; басқа жүйедегі координаттар қайта есептеледі), немесе `lon`, `lat` және "
        "`area_ha` бар нүктелер кестесі: `plot_id` пен `region` міндетті; қосымша `name`, `partner`, `forestry`, "
        "`block`, `compartment`, `area_ha`.",
    },
    "empty_plantings": {
        "en": "**Plantings** — CSV or Excel, one row per planting: `plot_id`, `date`, `species`, `planted` "
        "required; `surviving` and `survey_date` from the latest survey. Excel's Russian export (`;`, "
        "Windows-1251, dd.mm.yyyy, 12 500) works as it is.",
        "ru": "**Посадки** — CSV или Excel, одна строка на посадку: обязательны `plot_id`, `date`, `species`, "
        "`planted` (или `Код участка`, `Дата`, `Порода`, `Посажено`); `surviving` и `survey_date` — по "
        "последнему учёту. Выгрузка из русского Excel (`;`, Windows-1251, дд.мм.гггг, 12 500) подходит как есть.",
        "kk": "**Отырғызулар** — CSV немесе Excel, әр отырғызуға бір жол: `plot_id`, `date`, `species`, `planted` "
        "міндетті; `surviving` пен `survey_date` — соңғы есеп бойынша. Excel-дің орысша экспорты (`;`, "
        "Windows-1251, кк.аа.жжжж, 12 500) сол күйінде жарайды.",
    },
    "sample_plots": {
        "en": "Sample plots (GeoJSON)",
        "ru": "Пример участков (GeoJSON)",
        "kk": "Учаскелер үлгісі (GeoJSON)",
    },
    "sample_plantings": {
        "en": "Sample plantings (CSV)",
        "ru": "Пример посадок (CSV)",
        "kk": "Отырғызулар үлгісі (CSV)",
    },
    "demo_button": {"en": "Load demo data", "ru": "Загрузить демо-данные", "kk": "Демо деректерді жүктеу"},
    "demo_help": {
        "en": "Generated plots and plantings, every name marked DEMO. Roll them back from History.",
        "ru": "Сгенерированные участки и посадки, все названия помечены DEMO. Их можно откатить в Истории.",
        "kk": "Жасалған учаскелер мен отырғызулар, барлық атаулар DEMO деп белгіленген. Оларды Тарихта "
        "қайтарып алуға болады.",
    },
    "demo_loading": {"en": "Generating demo data…", "ru": "Создаём демо-данные…", "kk": "Демо деректер жасалуда…"},
    "demo_done": {"en": "Demo data loaded.", "ru": "Демо-данные загружены.", "kk": "Демо деректер жүктелді."},
    "go_upload": {"en": "Upload your files", "ru": "Загрузить свои файлы", "kk": "Өз файлдарыңызды жүктеу"},
    # Map page
    "mappage_title": {"en": "Plots on the map", "ru": "Участки на карте", "kk": "Картадағы учаскелер"},
    "mappage_caption": {
        "en": "Regions at national scale, groups of plots closer in, the plots themselves when zoomed in.",
        "ru": "В масштабе страны — области, ближе — группы участков, при увеличении — сами участки.",
        "kk": "Ел ауқымында — облыстар, жақынырақ — учаскелер топтары, үлкейткенде — учаскелердің өзі.",
    },
    "mappage_totals": {
        "en": "With these filters: {plots} plots, {planted} trees planted.",
        "ru": "С этими фильтрами: участков {plots}, посажено деревьев {planted}.",
        "kk": "Осы сүзгілермен: {plots} учаске, {planted} ағаш отырғызылды.",
    },
    # Progress
    "progress_title": {"en": "Progress in detail", "ru": "Ход работ подробно", "kk": "Барысы толығырақ"},
    "tab_region": {"en": "By region", "ru": "По областям", "kk": "Облыстар бойынша"},
    "tab_year": {"en": "By year", "ru": "По годам", "kk": "Жылдар бойынша"},
    "tab_partner": {"en": "By partner", "ru": "По партнёрам", "kk": "Серіктестер бойынша"},
    "tab_species": {"en": "By species", "ru": "По породам", "kk": "Ағаш түрлері бойынша"},
    "tab_survival": {"en": "Survival", "ru": "Приживаемость", "kk": "Сақталу"},
    "col_region": {"en": "Region", "ru": "Область", "kk": "Облыс"},
    "col_year": {"en": "Year", "ru": "Год", "kk": "Жыл"},
    "col_partner": {"en": "Partner", "ru": "Партнёр", "kk": "Серіктес"},
    "col_species": {"en": "Species", "ru": "Порода", "kk": "Ағаш түрі"},
    "col_planted": {"en": "Planted", "ru": "Посажено", "kk": "Отырғызылды"},
    "col_surviving": {"en": "Surviving", "ru": "Прижилось", "kk": "Сақталды"},
    "col_survival": {"en": "Survival, %", "ru": "Приживаемость, %", "kk": "Сақталу, %"},
    "col_plots": {"en": "Plots", "ru": "Участков", "kk": "Учаскелер"},
    "col_area": {"en": "Area, ha", "ru": "Площадь, га", "kk": "Аудан, га"},
    "view_table": {"en": "Table", "ru": "Таблица", "kk": "Кесте"},
    "download_csv": {"en": "Download CSV", "ru": "Скачать CSV", "kk": "CSV жүктеп алу"},
    "download_png": {"en": "Download PNG", "ru": "Скачать PNG", "kk": "PNG жүктеп алу"},
    "survival_caption": {
        "en": "Plots by survival at their latest survey. Below the 65 % line a plot misses the programme's "
        "requirement; below 25 % plantings are usually written off.",
        "ru": "Участки по приживаемости на последнем учёте. Ниже линии 65 % участок не выполняет требование "
        "программы; ниже 25 % посадки обычно списываются.",
        "kk": "Учаскелер соңғы есептегі сақталу деңгейі бойынша. 65 % сызығынан төмен учаске бағдарлама талабын "
        "орындамайды; 25 %-дан төмен отырғызулар әдетте есептен шығарылады.",
    },
    "survival_axis": {
        "en": "Survival at the latest survey",
        "ru": "Приживаемость на последнем учёте",
        "kk": "Соңғы есептегі сақталу",
    },
    "survival_line": {"en": "65 % required", "ru": "Требуется 65 %", "kk": "65 % талап етіледі"},
    "survival_below": {
        "en": "{n} of {total} surveyed plots are below 65 %.",
        "ru": "{n} из {total} участков с учётом ниже 65 %.",
        "kk": "Есеп жүргізілген {total} учаскенің {n}-і 65 %-дан төмен.",
    },
    # Upload
    "upload_title": {
        "en": "Upload plots or plantings",
        "ru": "Загрузка участков или посадок",
        "kk": "Учаскелерді немесе отырғызуларды жүктеу",
    },
    "upload_intro": {
        "en": "Nothing is saved until you confirm. Upload your whole cumulative spreadsheet each season: rows "
        "already in Orman are recognised and never counted twice.",
        "ru": "Ничего не сохраняется до подтверждения. Загружайте всю накопительную таблицу каждый сезон: строки, "
        "которые уже есть в Ормане, распознаются и не считаются дважды.",
        "kk": "Растамайынша ештеңе сақталмайды. Әр маусымда бүкіл жинақтық кестені жүктеңіз: Орманда бар жолдар "
        "танылады және екі рет есептелмейді.",
    },
    "upload_label": {
        "en": "File: plots (GeoJSON, KML, Shapefile, GeoPackage, MapInfo, a table of points) or plantings and "
        "surveys (CSV, Excel)",
        "ru": "Файл: участки (GeoJSON, KML, Shapefile, GeoPackage, MapInfo, таблица точек) или посадки и учёты "
        "(CSV, Excel)",
        "kk": "Файл: учаскелер (GeoJSON, KML, Shapefile, GeoPackage, MapInfo, нүктелер кестесі) не отырғызулар мен "
        "есептер (CSV, Excel)",
    },
    "upload_kind": {"en": "The file holds", "ru": "В файле", "kk": "Файлда"},
    "kind_auto": {"en": "detect from the file", "ru": "определить по файлу", "kk": "файлдан анықтау"},
    "kind_plots": {"en": "plots", "ru": "участки", "kk": "учаскелер"},
    "kind_plantings": {"en": "plantings", "ru": "посадки", "kk": "отырғызулар"},
    "upload_kind_unknown": {
        "en": "Cannot tell from the name whether this file holds plots, plantings or surveys: choose above.",
        "ru": "По имени файла не понять, участки в нём, посадки или учёты: выберите выше.",
        "kk": "Файл атауынан учаскелер ме, отырғызулар ма, есептер ме — анықталмайды: жоғарыдан таңдаңыз.",
    },
    "upload_checking": {"en": "Checking the file…", "ru": "Проверяем файл…", "kk": "Файл тексерілуде…"},
    "report_title": {"en": "Check report", "ru": "Результат проверки", "kk": "Тексеру нәтижесі"},
    # Counted phrases: one text per CLDR plural category of {count} (kk and en: one/other; ru: one/few/many/other).
    "count_errors": {
        "en": {"one": "{count} error", "other": "{count} errors"},
        "ru": {"one": "{count} ошибка", "few": "{count} ошибки", "many": "{count} ошибок", "other": "{count} ошибки"},
        "kk": {"other": "{count} қате"},
    },
    "count_warnings": {
        "en": {"one": "{count} warning", "other": "{count} warnings"},
        "ru": {
            "one": "{count} предупреждение",
            "few": "{count} предупреждения",
            "many": "{count} предупреждений",
            "other": "{count} предупреждения",
        },
        "kk": {"other": "{count} ескерту"},
    },
    "count_rows": {
        "en": {"one": "{count} row", "other": "{count} rows"},
        "ru": {"one": "{count} строка", "few": "{count} строки", "many": "{count} строк", "other": "{count} строки"},
        "kk": {"other": "{count} жол"},
    },
    "count_plots": {
        "en": {"one": "{count} plot", "other": "{count} plots"},
        "ru": {
            "one": "{count} участок",
            "few": "{count} участка",
            "many": "{count} участков",
            "other": "{count} участка",
        },
        "kk": {"other": "{count} учаске"},
    },
    # {rows}, {errors}, {warnings}: the counted phrases above
    "report_ok": {
        "en": "{rows} checked: no errors.",
        "ru": "Проверено: {rows}. Ошибок нет.",
        "kk": "Тексерілді: {rows}. Қате жоқ.",
    },
    "report_errors": {
        "en": "{errors} in {rows}: nothing will be imported until they are fixed (or import only the valid rows).",
        "ru": "{errors}; всего в файле {rows}. Ничего не будет загружено, пока их не исправить (или загрузите "
        "только верные строки).",
        "kk": "{errors}; файлда барлығы {rows}. Түзетілмейінше ештеңе жүктелмейді (немесе тек дұрыс жолдарды "
        "жүктеңіз).",
    },
    "report_skipping": {
        "en": "{errors}: those rows will be skipped, the others can be imported.",
        "ru": "{errors}: эти строки будут пропущены, остальные можно загрузить.",
        "kk": "{errors}: бұл жолдар өткізіледі, қалғандарын жүктеуге болады.",
    },
    "report_warnings": {
        "en": "{warnings}: the file can be imported; check them.",
        "ru": "{warnings}: файл можно загрузить, но проверьте их.",
        "kk": "{warnings}: файлды жүктеуге болады, бірақ оларды тексеріңіз.",
    },
    "report_unreadable": {
        "en": "The file cannot be read.",
        "ru": "Файл не удаётся прочитать.",
        "kk": "Файлды оқу мүмкін емес.",
    },
    "col_level": {"en": "Type", "ru": "Тип", "kk": "Түрі"},
    "col_row": {"en": "Row", "ru": "Строка", "kk": "Жол"},
    "col_feature": {"en": "Feature", "ru": "Объект", "kk": "Нысан"},
    "col_column": {"en": "Column", "ru": "Столбец", "kk": "Баған"},
    "col_message": {
        "en": "What is wrong and how to fix it",
        "ru": "Что не так и как исправить",
        "kk": "Не дұрыс емес және қалай түзету керек",
    },
    "level_error": {"en": "error", "ru": "ошибка", "kk": "қате"},
    "level_warning": {"en": "warning", "ru": "предупреждение", "kk": "ескерту"},
    "download_report": {
        "en": "Download the report (CSV)",
        "ru": "Скачать отчёт (CSV)",
        "kk": "Есепті жүктеп алу (CSV)",
    },
    "download_annotated": {
        "en": "Download your file with a column of problems",
        "ru": "Скачать ваш файл со столбцом ошибок",
        "kk": "Қателер бағаны бар файлыңызды жүктеп алу",
    },
    "download_annotated_help": {
        "en": "The same rows and columns as your file, and one more saying what is wrong in each row. Fix the rows "
        "it names and upload the file again.",
        "ru": "Те же строки и столбцы, что в вашем файле, и ещё один: что не так в каждой строке. Исправьте "
        "указанные строки и загрузите файл снова.",
        "kk": "Файлыңыздағы жолдар мен бағандар, әрі әр жолда не дұрыс емес екенін айтатын тағы бір баған. "
        "Көрсетілген жолдарды түзетіп, файлды қайта жүктеңіз.",
    },
    "report_shown_first": {
        "en": "The table shows the first {shown} of {total}; the downloads hold all of them.",
        "ru": "В таблице — первые {shown} из {total}; в скачиваемых файлах — все.",
        "kk": "Кестеде {total} ішінен алғашқы {shown}; жүктеп алынатын файлдарда — барлығы.",
    },
    "rejected_map": {
        "en": "Plots with errors (red): click one to see what is wrong",
        "ru": "Участки с ошибками (красные): нажмите на участок, чтобы увидеть, что не так",
        "kk": "Қатесі бар учаскелер (қызыл): не дұрыс емес екенін көру үшін учаскені басыңыз",
    },
    "rejected_feature": {"en": "Feature {row}", "ru": "Объект {row}", "kk": "{row}-нысан"},
    "upload_type_refused": {
        "en": "Orman does not read “{suffix}” files. Upload one of: {accepted}. Or download a template below, fill it "
        "in and upload it.",
        "ru": "Орман не читает файлы «{suffix}». Загрузите файл одного из видов: {accepted}. Или скачайте шаблон ниже, "
        "заполните его и загрузите.",
        "kk": "Орман «{suffix}» файлдарын оқымайды. Мына түрлердің бірін жүктеңіз: {accepted}. Немесе төмендегі "
        "үлгіні жүктеп алып, толтырып, жүктеңіз.",
    },
    "upload_no_suffix": {"en": "without an extension", "ru": "без расширения", "kk": "кеңейтімсіз"},
    "templates_title": {
        "en": "Templates to fill in",
        "ru": "Шаблоны для заполнения",
        "kk": "Толтыруға арналған үлгілер",
    },
    "templates_caption": {
        "en": "Empty files with the column headers Orman reads, in this language. CSV opens in Excel as it is.",
        "ru": "Пустые файлы с заголовками столбцов, которые читает Орман, на этом языке. CSV открывается в Excel "
        "как есть.",
        "kk": "Орман оқитын баған тақырыптары бар бос файлдар, осы тілде. CSV Excel-де бірден ашылады.",
    },
    "template_kind_plots": {"en": "Plots (points)", "ru": "Участки (точки)", "kk": "Учаскелер (нүктелер)"},
    "template_kind_plantings": {"en": "Plantings", "ru": "Посадки", "kk": "Отырғызулар"},
    "template_kind_surveys": {"en": "Surveys", "ru": "Учёты", "kk": "Есептер"},
    "template_kind_writeoffs": {"en": "Write-offs", "ru": "Списания", "kk": "Есептен шығару"},
    "skip_invalid": {
        "en": "Import valid rows only",
        "ru": "Загрузить только верные строки",
        "kk": "Тек дұрыс жолдарды жүктеу",
    },
    "skip_invalid_help": {
        "en": "Rows with errors are skipped and listed in the batch's report.",
        "ru": "Строки с ошибками пропускаются и перечисляются в отчёте пакета.",
        "kk": "Қатесі бар жолдар өткізіліп, пакет есебінде көрсетіледі.",
    },
    "preview_title": {"en": "What will change", "ru": "Что изменится", "kk": "Не өзгереді"},
    "preview_new": {"en": "New", "ru": "Новые", "kk": "Жаңа"},
    "preview_updated": {"en": "Updated", "ru": "Обновлённые", "kk": "Жаңартылған"},
    "preview_unchanged": {"en": "Already in Orman", "ru": "Уже в Ормане", "kk": "Орманда бар"},
    "preview_skipped": {"en": "Skipped (errors)", "ru": "Пропущено (ошибки)", "kk": "Өткізілді (қателер)"},
    "preview_now": {
        "en": "now {before} · {change}",
        "ru": "сейчас {before} · {change}",
        "kk": "қазір {before} · {change}",
    },
    "preview_map": {
        "en": "New and updated plots",
        "ru": "Новые и обновлённые участки",
        "kk": "Жаңа және жаңартылған учаскелер",
    },
    "preview_nothing": {
        "en": "Everything in this file is already in Orman: nothing to import.",
        "ru": "Всё из этого файла уже есть в Ормане: загружать нечего.",
        "kk": "Бұл файлдағының бәрі Орманда бар: жүктейтін ештеңе жоқ.",
    },
    "already_batch": {
        "en": "This exact file is already in Orman as batch {batch} ({when}). Nothing to do.",
        "ru": "Этот же файл уже загружен пакетом {batch} ({when}). Делать ничего не нужно.",
        "kk": "Дәл осы файл {batch} пакетімен ({when}) жүктелген. Ештеңе істеудің қажеті жоқ.",
    },
    "confirm_import": {"en": "Confirm and import", "ru": "Подтвердить и загрузить", "kk": "Растау және жүктеу"},
    "writing": {"en": "Writing to the store…", "ru": "Записываем…", "kk": "Жазылуда…"},
    "import_done": {
        "en": "Imported as batch {batch}: {new} new, {updated} updated, {unchanged} already there.",
        "ru": "Загружено пакетом {batch}: новых {new}, обновлено {updated}, уже было {unchanged}.",
        "kk": "{batch} пакетімен жүктелді: жаңа {new}, жаңартылған {updated}, бұрыннан бар {unchanged}.",
    },
    "import_rejected": {
        "en": "Not imported: the file has errors. Fix them and upload again.",
        "ru": "Не загружено: в файле есть ошибки. Исправьте их и загрузите снова.",
        "kk": "Жүктелмеді: файлда қателер бар. Оларды түзетіп, қайта жүктеңіз.",
    },
    # History
    "history_title": {"en": "Upload history", "ru": "История загрузок", "kk": "Жүктеу тарихы"},
    "history_caption": {
        "en": "Every upload is a batch. Rolling a batch back restores Orman exactly as it was without it.",
        "ru": "Каждая загрузка — пакет. Откат пакета возвращает Орман точно в состояние без него.",
        "kk": "Әр жүктеу — пакет. Пакетті қайтару Орманды онсыз болған күйге дәл қайтарады.",
    },
    "history_empty": {"en": "No uploads yet.", "ru": "Загрузок пока не было.", "kk": "Әзірге жүктеу болған жоқ."},
    "col_batch": {"en": "Batch", "ru": "Пакет", "kk": "Пакет"},
    "col_when": {"en": "When", "ru": "Когда", "kk": "Қашан"},
    "col_who": {"en": "Who", "ru": "Кто", "kk": "Кім"},
    "col_kind": {"en": "Kind", "ru": "Вид", "kk": "Түрі"},
    "col_file": {"en": "File", "ru": "Файл", "kk": "Файл"},
    "col_rows": {"en": "Rows", "ru": "Строк", "kk": "Жолдар"},
    "col_status": {"en": "Status", "ru": "Статус", "kk": "Күйі"},
    "status_active": {"en": "in force", "ru": "действует", "kk": "күшінде"},
    "batch_label": {
        "en": "Batch {batch} · {file} · {when}",
        "ru": "Пакет {batch} · {file} · {when}",
        "kk": "Пакет {batch} · {file} · {when}",
    },
    "batch_counts": {
        "en": "{rows}: {new} new, {updated} updated, {unchanged} unchanged, {skipped} skipped.",
        "ru": "{rows}: новых {new}, обновлено {updated}, без изменений {unchanged}, пропущено {skipped}.",
        "kk": "{rows}: жаңа {new}, жаңартылған {updated}, өзгеріссіз {unchanged}, өткізілген {skipped}.",
    },
    "batch_report_clean": {
        "en": "The report had no errors or warnings.",
        "ru": "В отчёте не было ошибок и предупреждений.",
        "kk": "Есепте қате де, ескерту де болмады.",
    },
    "batch_pick": {"en": "Batch", "ru": "Пакет", "kk": "Пакет"},
    "rollback_button": {"en": "Roll back this batch…", "ru": "Откатить этот пакет…", "kk": "Бұл пакетті қайтару…"},
    "rollback_preview": {
        "en": "Rolling back batch {batch} removes the {removed} records it added or changed and brings back "
        "{restored} earlier versions. Figures return to what they were without this file.",
        "ru": "Откат пакета {batch} удалит добавленные или изменённые им записи ({removed}) и вернёт прежние "
        "версии ({restored}). Показатели станут такими, какими были без этого файла.",
        "kk": "{batch} пакетін қайтару ол қосқан не өзгерткен {removed} жазбаны жояды және {restored} бұрынғы "
        "нұсқаны қайтарады. Көрсеткіштер осы файлсыз болған күйіне оралады.",
    },
    "rollback_confirm": {
        "en": "Yes, roll back batch {batch}",
        "ru": "Да, откатить пакет {batch}",
        "kk": "Иә, {batch} пакетін қайтару",
    },
    "rollback_cancel": {"en": "Cancel", "ru": "Отмена", "kk": "Болдырмау"},
    "rollback_done": {
        "en": "Batch {batch} rolled back.",
        "ru": "Пакет {batch} откачен.",
        "kk": "{batch} пакеті қайтарылды.",
    },
    # Map (geo/mapview.py)
    "map_basemap_osm": {"en": "OpenStreetMap", "ru": "OpenStreetMap", "kk": "OpenStreetMap"},
    "map_basemap_satellite": {"en": "Satellite (Esri)", "ru": "Спутник (Esri)", "kk": "Жерсерік (Esri)"},
    "map_partner": {"en": "Partner", "ru": "Партнёр", "kk": "Серіктес"},
    "map_species": {"en": "Species", "ru": "Порода", "kk": "Ағаш түрі"},
    "map_planted": {"en": "Planted", "ru": "Посажено", "kk": "Отырғызылды"},
    "map_surviving": {"en": "Surviving", "ru": "Прижилось", "kk": "Сақталды"},
    "map_survival": {"en": "Survival", "ru": "Приживаемость", "kk": "Сақталу деңгейі"},
    "map_area": {"en": "Area, ha", "ru": "Площадь, га", "kk": "Аудан, га"},
    "map_plots": {"en": "Plots", "ru": "Участков", "kk": "Учаскелер"},
    "map_cell_title": {"en": "{plots} plots here", "ru": "Участков здесь: {plots}", "kk": "Мұндағы учаскелер: {plots}"},
    "map_legend_survival": {"en": "Survival", "ru": "Приживаемость", "kk": "Сақталу деңгейі"},
    "map_legend_species": {"en": "Main species", "ru": "Основная порода", "kk": "Негізгі ағаш түрі"},
    "map_survival_ok": {"en": "65 % and above (target)", "ru": "65 % и выше (норма)", "kk": "65 % және жоғары (норма)"},
    "map_survival_mid": {"en": "25–65 %: below target", "ru": "25–65 %: ниже нормы", "kk": "25–65 %: нормадан төмен"},
    "map_survival_low": {
        "en": "below 25 %: usually written off",
        "ru": "ниже 25 %: обычно списываются",
        "kk": "25 %-дан төмен: әдетте есептен шығарылады",
    },
    "map_survival_none": {"en": "no survey yet", "ru": "учёта ещё не было", "kk": "есеп әлі жүргізілмеген"},
    "map_species_other": {"en": "other", "ru": "другие", "kk": "басқалары"},
    "map_size_planted": {
        "en": "Circle size: trees planted",
        "ru": "Размер круга — посажено деревьев",
        "kk": "Шеңбер өлшемі — отырғызылған ағаш саны",
    },
    "map_notice_capped": {
        "en": "Showing {shown} of {total} plots in this view: zoom in to see all {total} plots",
        "ru": "Показаны {shown} из {total} участков в этой части карты: приблизьте карту, чтобы увидеть все {total}",
        "kk": "Осы аумақтағы {total} учаскенің {shown} көрсетілді: барлық {total} учаскені көру үшін картаны "
        "үлкейтіңіз",
    },
    "map_no_plots": {
        "en": "No plots in this view.",
        "ru": "В этой части карты участков нет.",
        "kk": "Бұл аумақта учаске жоқ.",
    },
    "map_colour_by": {"en": "Colour plots by", "ru": "Цвет участков", "kk": "Учаскелер түсі"},
    "map_colour_survival": {"en": "survival", "ru": "по приживаемости", "kk": "сақталу деңгейі бойынша"},
    "map_colour_species": {"en": "main species", "ru": "по основной породе", "kk": "негізгі ағаш түрі бойынша"},
    # Roles, sign-in and accounts (geo/auth.py)
    "auth_role_public": {"en": "Public (not signed in)", "ru": "Гость (без входа)", "kk": "Қонақ (кірмеген)"},
    "auth_role_official": {"en": "Official", "ru": "Должностное лицо", "kk": "Лауазымды тұлға"},
    "auth_role_officer": {"en": "Programme officer", "ru": "Специалист программы", "kk": "Бағдарлама маманы"},
    "auth_role_admin": {"en": "Administrator", "ru": "Администратор", "kk": "Әкімші"},
    "auth_action_upload": {"en": "upload data", "ru": "загружать данные", "kk": "деректерді жүктеу"},
    "auth_action_rollback": {"en": "roll back an upload", "ru": "откатывать загрузку", "kk": "жүктеуді кері қайтару"},
    "auth_action_rollback_own": {
        "en": "roll back own uploads",
        "ru": "откатывать свои загрузки",
        "kk": "өз жүктеулерін кері қайтару",
    },
    "auth_action_rollback_any": {
        "en": "roll back any upload",
        "ru": "откатывать любую загрузку",
        "kk": "кез келген жүктеуді кері қайтару",
    },
    "auth_action_manage_users": {
        "en": "manage users",
        "ru": "управлять пользователями",
        "kk": "пайдаланушыларды басқару",
    },
    "auth_action_load_demo": {"en": "load demo data", "ru": "загружать демо-данные", "kk": "демо деректерді жүктеу"},
    "auth_login_required": {
        "en": "Sign in to {action}.",
        "ru": "Войдите, чтобы {action}.",
        "kk": "{action} үшін жүйеге кіріңіз.",
    },
    "auth_forbidden": {
        "en": "Your role ({role}) does not allow you to {action}. Ask an administrator if you need it.",
        "ru": "Ваша роль ({role}) не позволяет {action}. Если это нужно, обратитесь к администратору.",
        "kk": "Сіздің рөліңіз ({role}) {action} құқығын бермейді. Қажет болса, әкімшіге хабарласыңыз.",
    },
    "auth_not_own_batch": {
        "en": "Upload {batch} was made by {owner}: officers can roll back only their own uploads. Ask {owner} or an "
        "administrator.",
        "ru": "Загрузку {batch} выполнил(а) {owner}: специалист может откатить только свои загрузки. Обратитесь к "
        "{owner} или к администратору.",
        "kk": "{batch} жүктеуін {owner} жасаған: маман тек өз жүктеулерін кері қайтара алады. {owner} немесе "
        "әкімшіге хабарласыңыз.",
    },
    "auth_page_login_required": {
        "en": "Sign in to see this page.",
        "ru": "Войдите, чтобы открыть эту страницу.",
        "kk": "Бұл бетті ашу үшін жүйеге кіріңіз.",
    },
    "auth_page_forbidden": {
        "en": "This page is not available to your role ({role}).",
        "ru": "Эта страница недоступна для вашей роли ({role}).",
        "kk": "Бұл бет сіздің рөліңізге ({role}) қолжетімсіз.",
    },
    "auth_failed_invalid": {
        "en": "Wrong user name or password.",
        "ru": "Неверное имя пользователя или пароль.",
        "kk": "Пайдаланушы аты немесе құпиясөз қате.",
    },
    "auth_failed_locked": {
        "en": "Too many failed attempts: sign-in for this name is paused. Try again in {minutes} min.",
        "ru": "Слишком много неудачных попыток: вход под этим именем приостановлен. Повторите через {minutes} мин.",
        "kk": "Сәтсіз әрекеттер тым көп: бұл атпен кіру уақытша тоқтатылды. {minutes} минуттан кейін қайталаңыз.",
    },
    "auth_failed_disabled": {
        "en": "This account is disabled. Ask an administrator.",
        "ru": "Эта учётная запись отключена. Обратитесь к администратору.",
        "kk": "Бұл тіркелгі өшірілген. Әкімшіге хабарласыңыз.",
    },
    "auth_session_expired": {
        "en": "Your session has expired. Please sign in again.",
        "ru": "Сеанс истёк. Войдите снова.",
        "kk": "Сеанс мерзімі бітті. Қайта кіріңіз.",
    },
    "auth_sign_in": {"en": "Sign in", "ru": "Войти", "kk": "Кіру"},
    "auth_sign_in_oidc": {
        "en": "Sign in with your organisation account",
        "ru": "Войти через учётную запись организации",
        "kk": "Ұйым тіркелгісі арқылы кіру",
    },
    "auth_sign_out": {"en": "Sign out", "ru": "Выйти", "kk": "Шығу"},
    "auth_signed_in_as": {
        "en": "Signed in as {name} ({role})",
        "ru": "Вы вошли как {name} ({role})",
        "kk": "Сіз {name} ретінде кірдіңіз ({role})",
    },
    "auth_oidc_unknown": {
        "en": "No active Orman account has the e-mail {email}. Ask an administrator to add it.",
        "ru": "В Ормане нет активной учётной записи с адресом {email}. Попросите администратора добавить её.",
        "kk": "{email} поштасы бар белсенді Орман тіркелгісі жоқ. Әкімшіден оны қосуды сұраңыз.",
    },
    "auth_user_name": {"en": "User name", "ru": "Имя пользователя", "kk": "Пайдаланушы аты"},
    "auth_password": {"en": "Password", "ru": "Пароль", "kk": "Құпиясөз"},
    "auth_prompt_password": {
        "en": "Password for {name}: ",
        "ru": "Пароль для {name}: ",
        "kk": "{name} үшін құпиясөз: ",
    },
    "auth_prompt_repeat": {"en": "Repeat the password: ", "ru": "Повторите пароль: ", "kk": "Құпиясөзді қайталаңыз: "},
    "auth_password_mismatch": {
        "en": "The two passwords differ. Nothing was changed; try again.",
        "ru": "Пароли не совпадают. Ничего не изменено; попробуйте ещё раз.",
        "kk": "Құпиясөздер сәйкес емес. Ештеңе өзгертілмеді; қайталап көріңіз.",
    },
    "auth_password_short": {
        "en": "The password is too short: use at least {min} characters.",
        "ru": "Пароль слишком короткий: нужно не меньше {min} символов.",
        "kk": "Құпиясөз тым қысқа: кемінде {min} таңба болуы керек.",
    },
    "auth_password_long": {
        "en": "The password is too long: use at most {max} characters.",
        "ru": "Пароль слишком длинный: не больше {max} символов.",
        "kk": "Құпиясөз тым ұзын: {max} таңбадан аспауы керек.",
    },
    "auth_name_invalid": {
        "en": "“{name}” cannot be a user name: use 2–64 letters, digits, “.”, “_”, “-” or “@”, without spaces.",
        "ru": "«{name}» не подходит как имя пользователя: 2–64 буквы, цифры, «.», «_», «-» или «@», без пробелов.",
        "kk": "«{name}» пайдаланушы аты бола алмайды: бос орынсыз 2–64 әріп, сан, «.», «_», «-» немесе «@».",
    },
    "auth_role_unknown": {
        "en": "Unknown role “{role}”: use one of {roles}.",
        "ru": "Неизвестная роль «{role}»: укажите одну из {roles}.",
        "kk": "Белгісіз рөл «{role}»: {roles} рөлдерінің бірін көрсетіңіз.",
    },
    "auth_email_invalid": {
        "en": "“{email}” is not an e-mail address.",
        "ru": "«{email}» — не адрес e-mail.",
        "kk": "«{email}» — e-mail мекенжайы емес.",
    },
    "auth_email_exists": {
        "en": "Another active account already has the e-mail {email}.",
        "ru": "Адрес {email} уже указан у другой активной учётной записи.",
        "kk": "{email} поштасы басқа белсенді тіркелгіде бар.",
    },
    "auth_user_exists": {
        "en": "A user named {name} already exists.",
        "ru": "Пользователь {name} уже существует.",
        "kk": "{name} атты пайдаланушы бар.",
    },
    "auth_user_unknown": {
        "en": "There is no user named {name}. See `python -m geo user list`.",
        "ru": "Пользователя {name} нет. Список: `python -m geo user list`.",
        "kk": "{name} атты пайдаланушы жоқ. Тізім: `python -m geo user list`.",
    },
    "auth_user_added": {
        "en": "User {name} added with role {role}.",
        "ru": "Пользователь {name} добавлен, роль: {role}.",
        "kk": "{name} пайдаланушысы қосылды, рөлі: {role}.",
    },
    "auth_user_disabled": {
        "en": "User {name} is disabled and can no longer sign in.",
        "ru": "Пользователь {name} отключён и больше не может войти.",
        "kk": "{name} пайдаланушысы өшірілді, енді кіре алмайды.",
    },
    "auth_password_changed": {
        "en": "Password of {name} changed; any sign-in lock is lifted.",
        "ru": "Пароль пользователя {name} изменён; блокировка входа снята.",
        "kk": "{name} құпиясөзі өзгертілді; кіру бұғаты алынды.",
    },
    "auth_status_active": {"en": "active", "ru": "активен", "kk": "белсенді"},
    "auth_status_disabled": {"en": "disabled", "ru": "отключён", "kk": "өшірілген"},
    "auth_no_users": {
        "en": "No users yet. Add one: python -m geo user add NAME --role admin",
        "ru": "Пользователей пока нет. Добавьте: python -m geo user add ИМЯ --role admin",
        "kk": "Әзірге пайдаланушы жоқ. Қосыңыз: python -m geo user add АТЫ --role admin",
    },
    # Roles in the app (app.py, pages/): sign-in box, public page, embed panel, administration
    "nav_public": {"en": "Public page", "ru": "Публичная страница", "kk": "Жария бет"},
    "nav_embed": {"en": "Embed", "ru": "Встраивание", "kk": "Сайтқа ендіру"},
    "nav_admin": {"en": "Administration", "ru": "Администрирование", "kk": "Әкімшілік"},
    "auth_staff_sign_in": {"en": "Staff sign-in", "ru": "Вход для сотрудников", "kk": "Қызметкерлерге арналған кіру"},
    "auth_use_sidebar": {
        "en": "Use the sign-in form in the sidebar.",
        "ru": "Воспользуйтесь формой входа на боковой панели.",
        "kk": "Бүйір панеліндегі кіру формасын пайдаланыңыз.",
    },
    "auth_see_public": {
        "en": "See the programme's public page",
        "ru": "Открыть публичную страницу программы",
        "kk": "Бағдарламаның жария бетін ашу",
    },
    "upload_limit": {
        "en": "Up to {limit} MB per file.",
        "ru": "До {limit} МБ на файл.",
        "kk": "Бір файлға {limit} МБ-қа дейін.",
    },
    "upload_too_large": {
        "en": "The file is {size} MB; the limit is {limit} MB. Split it (for example by region) and upload the "
        "parts one after another.",
        "ru": "Файл весит {size} МБ, а предел — {limit} МБ. Разделите его (например, по областям) и загрузите "
        "части по очереди.",
        "kk": "Файл көлемі {size} МБ, ал шегі — {limit} МБ. Оны бөліңіз (мысалы, облыстар бойынша) және "
        "бөліктерін кезекпен жүктеңіз.",
    },
    "status_rolled_back_by": {
        "en": "rolled back {when} by {user}",
        "ru": "откачен {when}, {user}",
        "kk": "{when} қайтарылды, {user}",
    },
    "public_kazakhstan": {"en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан"},
    "public_title": {
        "en": "Reforestation in {place}: the programme's progress",
        "ru": "Лесовосстановление — {place}: ход программы",
        "kk": "Орман молықтыру — {place}: бағдарлама барысы",
    },
    "public_caption": {
        "en": "Trees planted and surviving on the plots of the partnership programme toward Kazakhstan's 2 billion "
        "trees, as uploaded by partner universities and forestry units.",
        "ru": "Посаженные и прижившиеся деревья на участках партнёрской программы на пути к 2 млрд деревьев "
        "Казахстана — по данным вузов-партнёров и лесхозов.",
        "kk": "Қазақстанның 2 млрд ағашына жету жолындағы серіктестік бағдарламасы учаскелерінде отырғызылған "
        "және сақталған ағаштар — серіктес университеттер мен орман шаруашылықтарының деректері бойынша.",
    },
    "public_region_unknown": {
        "en": "No region is called “{region}”: showing all of Kazakhstan. Use an ISO code such as KZ-10 or the "
        "region's name.",
        "ru": "Области «{region}» нет: показан весь Казахстан. Укажите код ISO, например KZ-10, или название области.",
        "kk": "«{region}» деген облыс жоқ: бүкіл Қазақстан көрсетілді. KZ-10 сияқты ISO кодын немесе облыс "
        "атауын көрсетіңіз.",
    },
    "public_by_year": {"en": "Planted by year", "ru": "Посажено по годам", "kk": "Жылдар бойынша отырғызылды"},
    "public_by_region": {"en": "By region", "ru": "По областям", "kk": "Облыстар бойынша"},
    "public_map": {"en": "Plots on the map", "ru": "Участки на карте", "kk": "Картадағы учаскелер"},
    "public_source": {
        "en": "Source: Orman, the programme's register of plots and plantings. Figures change with every upload.",
        "ru": "Источник: Орман, реестр участков и посадок программы. Цифры обновляются с каждой загрузкой.",
        "kk": "Дереккөз: Орман, бағдарламаның учаскелер мен отырғызулар тізілімі. Сандар әр жүктеуде жаңарады.",
    },
    "embed_title": {
        "en": "Put the public page on a website",
        "ru": "Публичная страница на сайте",
        "kk": "Жария бетті сайтқа орналастыру",
    },
    "embed_caption": {
        "en": "The public page shows the programme's figures and map without signing in and without any personal "
        "data. Paste the snippet into a web page, or share the link.",
        "ru": "Публичная страница показывает цифры и карту программы без входа и без персональных данных. "
        "Вставьте фрагмент в веб-страницу или поделитесь ссылкой.",
        "kk": "Жария бет бағдарлама сандары мен картасын кірусіз және жеке деректерсіз көрсетеді. Фрагментті "
        "веб-бетке қойыңыз немесе сілтемемен бөлісіңіз.",
    },
    "embed_height": {"en": "Height", "ru": "Высота", "kk": "Биіктігі"},
    "embed_link": {"en": "Link to share", "ru": "Ссылка", "kk": "Бөлісуге арналған сілтеме"},
    "embed_open": {"en": "Open the public page", "ru": "Открыть публичную страницу", "kk": "Жария бетті ашу"},
    "admin_title": {"en": "Administration", "ru": "Администрирование", "kk": "Әкімшілік"},
    "admin_users": {"en": "Accounts", "ru": "Учётные записи", "kk": "Тіркелгілер"},
    "admin_add_on_server": {
        "en": "New accounts are created on the server, where the password is typed and never shown: "
        "`python -m geo user add NAME --role officer` (roles: official, officer, supervisor, admin; `--email` for "
        "sign-in through the organisation's account).",
        "ru": "Новые учётные записи создаются на сервере, где пароль вводится и нигде не показывается: "
        "`python -m geo user add ИМЯ --role officer` (роли: official, officer, supervisor, admin; `--email` — для входа "
        "через учётную запись организации).",
        "kk": "Жаңа тіркелгілер серверде жасалады, құпиясөз сонда енгізіледі және ешқайда көрсетілмейді: "
        "`python -m geo user add АТЫ --role officer` (рөлдер: official, officer, supervisor, admin; `--email` — ұйым "
        "тіркелгісі арқылы кіру үшін).",
    },
    "col_user": {"en": "User", "ru": "Пользователь", "kk": "Пайдаланушы"},
    "col_role": {"en": "Role", "ru": "Роль", "kk": "Рөлі"},
    "col_email": {"en": "E-mail", "ru": "E-mail", "kk": "E-mail"},
    "col_created": {"en": "Created", "ru": "Создана", "kk": "Құрылды"},
    "col_last_login": {"en": "Last sign-in", "ru": "Последний вход", "kk": "Соңғы кіру"},
    "admin_disable_pick": {"en": "Disable an account", "ru": "Отключить учётную запись", "kk": "Тіркелгіні өшіру"},
    "admin_disable_button": {"en": "Disable…", "ru": "Отключить…", "kk": "Өшіру…"},
    "admin_disable_confirm_text": {
        "en": "{name} will no longer be able to sign in, and any open session ends at its next click. Their "
        "uploads stay.",
        "ru": "{name} больше не сможет войти, открытый сеанс завершится при следующем действии. Загрузки останутся.",
        "kk": "{name} енді кіре алмайды, ашық сеансы келесі әрекетте аяқталады. Жүктеулері сақталады.",
    },
    "admin_disable_yes": {"en": "Yes, disable {name}", "ru": "Да, отключить {name}", "kk": "Иә, {name} өшіру"},
    "admin_demo_title": {"en": "Demo data", "ru": "Демо-данные", "kk": "Демо деректер"},
    "admin_demo_not_empty": {
        "en": "Orman already holds data: demo data can only be loaded into an empty store, so generated figures "
        "never mix with the programme's.",
        "ru": "В Ормане уже есть данные: демо-данные загружаются только в пустое хранилище, чтобы "
        "сгенерированные цифры не смешивались с данными программы.",
        "kk": "Орманда деректер бар: демо деректер тек бос қоймаға жүктеледі, жасалған сандар бағдарлама "
        "деректерімен араласпауы үшін.",
    },
    # --- command line: store (geo.cli) ---
    "export_done": {
        "en": "Wrote {plots} to {file}.",
        "ru": "Записано: {plots}, файл {file}.",
        "kk": "{plots} {file} файлына жазылды.",
    },
    "history_rolled_back": {
        "en": "Rolled back {when} by {user}.",
        "ru": "Откачен {when}, {user}.",
        "kk": "{when} қайтарылған, {user}.",
    },
    # Surveys (inventories): the upload kind, the estimate of surviving trees, the survey draw
    "kind_surveys": {"en": "surveys (inventories)", "ru": "учёты (инвентаризации)", "kk": "есептер (түгендеулер)"},
    "estimate_line": {
        "en": "Estimated surviving: {surviving} (95 % interval {low}–{high}), {rate} of planted ({rate_low}–"
        "{rate_high}), from {surveyed} surveyed plantings",
        "ru": "Оценка сохранившихся: {surviving} (95 % интервал {low}–{high}), {rate} от посаженных ({rate_low}–"
        "{rate_high}), по {surveyed} обследованным посадкам",
        "kk": "Сақталғандардың бағасы: {surviving} (95 % аралық {low}–{high}), отырғызылғанның {rate} ({rate_low}–"
        "{rate_high}), {surveyed} тексерілген отырғызу бойынша",
    },
    "estimate_too_few_surveys": {
        "en": "No estimate of surviving trees yet: at least {needed} surveyed plantings are needed. "
        "Draw the plantings to survey with “python -m geo sample”.",
        "ru": "Оценки сохранившихся деревьев пока нет: нужно не меньше {needed} обследованных посадок. "
        "Выберите посадки для учёта командой «python -m geo sample».",
        "kk": "Сақталған ағаштардың бағасы әзірге жоқ: кемінде {needed} тексерілген отырғызу керек. "
        "Есепке алынатын отырғызуларды «python -m geo sample» командасымен таңдаңыз.",
    },
    "estimate_no_plantings": {
        "en": "No estimate of surviving trees: no plantings yet.",
        "ru": "Оценки сохранившихся деревьев нет: посадок пока нет.",
        "kk": "Сақталған ағаштардың бағасы жоқ: әзірге отырғызу жоқ.",
    },
    "estimate_region": {"en": "{region}: {line}", "ru": "{region}: {line}", "kk": "{region}: {line}"},
    "sample_unknown_region": {
        "en": "“{value}” is not a region of Kazakhstan: give its code (KZ-10) or name.",
        "ru": "«{value}» — не область Казахстана: укажите её код (KZ-10) или название.",
        "kk": "«{value}» — Қазақстан облысы емес: оның кодын (KZ-10) не атауын жазыңыз.",
    },
    "sample_done": {
        "en": "{count} plantings to survey written to {file}.",
        "ru": "Посадок для учёта: {count}, записано в {file}.",
        "kk": "Есепке алынатын {count} отырғызу {file} файлына жазылды.",
    },
    # --- the store failing (geo.errors.StoreError, geo.db.store_error) ---
    "store_unreachable": {
        "en": "The data store cannot be reached: check ORMAN_DB_URL, that the database server is running and that "
        "the database exists.",
        "ru": "Хранилище данных недоступно: проверьте ORMAN_DB_URL, что сервер базы данных запущен и что база "
        "данных существует.",
        "kk": "Деректер қоймасына қосылу мүмкін емес: ORMAN_DB_URL мәнін, дерекқор серверінің жұмыс істеп тұрғанын "
        "және дерекқордың бар екенін тексеріңіз.",
    },
    "store_url_invalid": {
        "en": "ORMAN_DB_URL is not a store address Orman can open: use sqlite:///PATH or "
        "postgresql+psycopg://USER@HOST/DATABASE.",
        "ru": "ORMAN_DB_URL — не адрес хранилища, который Орман может открыть: укажите sqlite:///ПУТЬ или "
        "postgresql+psycopg://ПОЛЬЗОВАТЕЛЬ@ХОСТ/БАЗА.",
        "kk": "ORMAN_DB_URL — Орман аша алатын қойма мекенжайы емес: sqlite:///ЖОЛ немесе "
        "postgresql+psycopg://ПАЙДАЛАНУШЫ@ХОСТ/ДЕРЕКҚОР көрсетіңіз.",
    },
    "store_read_only": {
        "en": "The data store is read-only, so nothing was written: ask the administrator for write access.",
        "ru": "Хранилище данных доступно только для чтения, поэтому ничего не записано: попросите администратора "
        "дать право записи.",
        "kk": "Деректер қоймасы тек оқуға арналған, сондықтан ештеңе жазылмады: әкімшіден жазу құқығын сұраңыз.",
    },
    "store_full": {
        "en": "The data store could not write to its disk (full or failing), so nothing was written: free some "
        "space and try again.",
        "ru": "Хранилищу данных не удалось записать на диск (он заполнен или неисправен), поэтому ничего не "
        "записано: освободите место и повторите.",
        "kk": "Деректер қоймасы дискіге жаза алмады (ол толы немесе ақаулы), сондықтан ештеңе жазылмады: орын "
        "босатып, қайталап көріңіз.",
    },
    "store_not_a_database": {
        "en": "The store file is not an Orman database (damaged, or another kind of file): check ORMAN_DB_URL or "
        "restore the file from a backup.",
        "ru": "Файл хранилища — не база данных Ормана (повреждён или это другой файл): проверьте ORMAN_DB_URL или "
        "восстановите файл из резервной копии.",
        "kk": "Қойма файлы Орман дерекқоры емес (бүлінген немесе басқа файл): ORMAN_DB_URL мәнін тексеріңіз "
        "немесе файлды сақтық көшірмеден қалпына келтіріңіз.",
    },
    "store_failed": {
        "en": "The data store reported an error and nothing was changed: try again, and if it persists tell the "
        "administrator (the server log has the details).",
        "ru": "Хранилище данных сообщило об ошибке, ничего не изменено: повторите, а если ошибка не исчезнет, "
        "сообщите администратору (подробности в журнале сервера).",
        "kk": "Деректер қоймасы қате туралы хабарлады, ештеңе өзгертілген жоқ: қайталап көріңіз, қате қайталанса, "
        "әкімшіге хабарлаңыз (толығы сервер журналында).",
    },
    # --- command line: help (geo.cli) ---
    "cli_description": {
        "en": "Orman: Kazakhstan reforestation data.",
        "ru": "Орман: данные о лесовосстановлении в Казахстане.",
        "kk": "Орман: Қазақстандағы орман қалпына келтіру деректері.",
    },
    "cli_commands": {"en": "commands", "ru": "команды", "kk": "командалар"},
    "cli_actions": {"en": "actions", "ru": "действия", "kk": "әрекеттер"},
    "cli_positionals": {"en": "arguments", "ru": "аргументы", "kk": "аргументтер"},
    "cli_options": {"en": "options", "ru": "параметры", "kk": "параметрлер"},
    "cli_usage": {"en": "usage:", "ru": "использование:", "kk": "қолданылуы:"},
    "cli_usage_error": {
        "en": "{prog}: error: {message}",
        "ru": "{prog}: ошибка: {message}",
        "kk": "{prog}: қате: {message}",
    },
    "cli_opt_help": {
        "en": "show this help and exit",
        "ru": "показать эту справку и выйти",
        "kk": "осы анықтаманы көрсетіп, шығу",
    },
    "cli_opt_lang": {
        "en": "language of help and messages: kk, ru or en (default: ORMAN_LANG, else the system locale, else en)",
        "ru": "язык справки и сообщений: kk, ru или en (по умолчанию: ORMAN_LANG, иначе язык системы, иначе en)",
        "kk": "анықтама мен хабарлар тілі: kk, ru немесе en (әдепкі: ORMAN_LANG, болмаса жүйе тілі, болмаса en)",
    },
    "cli_opt_json": {
        "en": "print one JSON object instead of text",
        "ru": "вывести один объект JSON вместо текста",
        "kk": "мәтіннің орнына бір JSON нысанын шығару",
    },
    "cli_opt_file": {
        "en": "the file to read: plots (GeoJSON, KML/KMZ, zipped Shapefile or MapInfo, GeoPackage, a table of points), or plantings or surveys (CSV, XLSX, XLS, ODS)",
        "ru": "файл для чтения: участки (GeoJSON, KML/KMZ, Shapefile или MapInfo в zip, GeoPackage, таблица точек) либо посадки или учёты (CSV, XLSX, XLS, ODS)",
        "kk": "оқылатын файл: учаскелер (GeoJSON, KML/KMZ, zip ішіндегі Shapefile не MapInfo, GeoPackage, нүктелер кестесі) не отырғызулар мен есептер (CSV, XLSX, XLS, ODS)",
    },
    "cli_opt_kind": {
        "en": "what the file holds: plots, plantings, surveys or writeoffs (acts) (default: from the file name and its headers)",
        "ru": "что в файле: plots (участки), plantings (посадки), surveys (учёты) или writeoffs (акты списания) (по умолчанию: по имени файла и заголовкам)",
        "kk": "файлда не бар: plots (учаскелер), plantings (отырғызулар), surveys (есептер) немесе writeoffs (есептен шығару актілері) (әдепкі: файл атауы мен тақырыптары бойынша)",
    },
    "cli_opt_sheet": {
        "en": "worksheet of a workbook (default: the first)",
        "ru": "лист книги Excel или OpenDocument (по умолчанию: первый)",
        "kk": "Excel не OpenDocument кітабының парағы (әдепкі: біріншісі)",
    },
    "cli_opt_user_import": {
        "en": "who uploads (default: the login name)",
        "ru": "кто загружает (по умолчанию: имя входа в систему)",
        "kk": "кім жүктейді (әдепкі: жүйеге кіру аты)",
    },
    "cli_opt_skip_invalid": {
        "en": "import the valid rows only; the skipped rows are listed in the batch's report",
        "ru": "загрузить только верные строки; пропущенные перечислены в отчёте пакета",
        "kk": "тек дұрыс жолдарды жүктеу; өткізілгендері пакет есебінде көрсетіледі",
    },
    "cli_opt_batch_id": {
        "en": "the batch to undo, as `history` lists it",
        "ru": "пакет для отката, как его показывает `history`",
        "kk": "қайтарылатын пакет, `history` көрсеткендей",
    },
    "cli_opt_user_rollback": {
        "en": "who rolls back (default: the login name)",
        "ru": "кто откатывает (по умолчанию: имя входа в систему)",
        "kk": "кім қайтарады (әдепкі: жүйеге кіру аты)",
    },
    "cli_opt_format": {
        "en": "file format: csv, geojson or gpkg",
        "ru": "формат файла: csv, geojson или gpkg",
        "kk": "файл пішімі: csv, geojson немесе gpkg",
    },
    "cli_opt_out_export": {
        "en": "file to write (its folder must exist)",
        "ru": "файл для записи (его папка должна существовать)",
        "kk": "жазылатын файл (оның қалтасы бар болуы керек)",
    },
    "cli_opt_out_map": {
        "en": "HTML file to write (its folder must exist)",
        "ru": "HTML-файл для записи (его папка должна существовать)",
        "kk": "жазылатын HTML файл (оның қалтасы бар болуы керек)",
    },
    "cli_opt_bbox": {
        "en": "area to show, in degrees west,south,east,north (default: all Kazakhstan)",
        "ru": "рамка показа в градусах: запад,юг,восток,север (по умолчанию: весь Казахстан)",
        "kk": "көрсетілетін аумақ, градуспен: батыс,оңтүстік,шығыс,солтүстік (әдепкі: бүкіл Қазақстан)",
    },
    "cli_opt_zoom": {
        "en": "zoom level 3-18 (default: the one that fits the area)",
        "ru": "масштаб 3-18 (по умолчанию: по размеру рамки)",
        "kk": "масштаб 3-18 (әдепкі: аумаққа сай)",
    },
    "cli_opt_colour_by": {
        "en": "colour plots by survival or by species (default: survival)",
        "ru": "цвет участков: по приживаемости (survival) или по породе (species) (по умолчанию: survival)",
        "kk": "учаскелер түсі: сақталу (survival) немесе түр (species) бойынша (әдепкі: survival)",
    },
    "cli_opt_plots": {
        "en": "how many plots to generate, 1 or more (default: the standard demo)",
        "ru": "сколько участков создать, 1 или больше (по умолчанию: стандартный демо-набор)",
        "kk": "қанша учаске жасау, 1 немесе көп (әдепкі: стандартты демо жиын)",
    },
    "cli_opt_seed": {
        "en": "the same seed on the same day gives the same data",
        "ru": "одно и то же зерно в один день даёт те же данные",
        "kk": "бір күнде бірдей тұқым бірдей деректер береді",
    },
    "cli_opt_if_empty": {
        "en": "do nothing when the store already has batches",
        "ru": "ничего не делать, если в хранилище уже есть пакеты",
        "kk": "қоймада пакеттер болса, ештеңе істемеу",
    },
    "cli_opt_name": {
        "en": "the account's login name",
        "ru": "имя учётной записи для входа",
        "kk": "тіркелгінің кіру аты",
    },
    "cli_opt_role": {
        "en": "the account's role: official, officer, supervisor or admin",
        "ru": "роль учётной записи: official, officer, supervisor или admin",
        "kk": "тіркелгі рөлі: official, officer, supervisor немесе admin",
    },
    "cli_opt_email": {
        "en": "e-mail an organisation sign-in (OIDC) is matched to",
        "ru": "e-mail, с которым сверяется вход через организацию (OIDC)",
        "kk": "ұйым арқылы кіру (OIDC) салыстырылатын e-mail",
    },
    "cli_check": {
        "en": "validate a file of plots, plantings or surveys against the store; writes nothing",
        "ru": "проверить файл участков, посадок или учётов по хранилищу; ничего не записывает",
        "kk": "учаскелер, отырғызулар немесе есептер файлын қоймамен салыстырып тексеру; ештеңе жазбайды",
    },
    "cli_map": {
        "en": "write the map as a standalone HTML file",
        "ru": "записать карту в отдельный HTML-файл",
        "kk": "картаны дербес HTML файлына жазу",
    },
    "cli_user": {
        "en": "manage the accounts that sign in to the app",
        "ru": "управлять учётными записями для входа в приложение",
        "kk": "қосымшаға кіретін тіркелгілерді басқару",
    },
    "cli_user_add": {
        "en": "create an account; the password is prompted (or one line of stdin)",
        "ru": "создать учётную запись; пароль запрашивается (или одна строка stdin)",
        "kk": "тіркелгі жасау; құпиясөз сұралады (немесе stdin-нің бір жолы)",
    },
    "cli_user_list": {
        "en": "list the accounts, without password hashes",
        "ru": "список учётных записей, без хешей паролей",
        "kk": "тіркелгілер тізімі, құпиясөз хештерінсіз",
    },
    "cli_user_disable": {
        "en": "stop an account from signing in",
        "ru": "запретить учётной записи вход",
        "kk": "тіркелгінің кіруін тоқтату",
    },
    "cli_user_passwd": {
        "en": "set a new password (prompted, or one line of stdin)",
        "ru": "задать новый пароль (запрашивается, или одна строка stdin)",
        "kk": "жаңа құпиясөз қою (сұралады, немесе stdin-нің бір жолы)",
    },
    "cli_import": {
        "en": "validate a file and store it as one batch",
        "ru": "проверить файл и сохранить его одним пакетом",
        "kk": "файлды тексеріп, бір пакет ретінде сақтау",
    },
    "cli_history": {
        "en": "list the batches, newest first",
        "ru": "список пакетов, новые сначала",
        "kk": "пакеттер тізімі, жаңалары алдымен",
    },
    "cli_rollback": {"en": "undo one batch", "ru": "откатить один пакет", "kk": "бір пакетті қайтару"},
    "cli_summary": {
        "en": "the figures: planted, surviving, plots, area and breakdowns",
        "ru": "показатели: посажено, сохранилось, участки, площадь и разбивки",
        "kk": "көрсеткіштер: отырғызылды, сақталды, учаскелер, аудан және бөлулер",
    },
    "cli_export": {
        "en": "write the plots with their figures as CSV, GeoJSON or GeoPackage",
        "ru": "записать участки с показателями в CSV, GeoJSON или GeoPackage",
        "kk": "учаскелерді көрсеткіштерімен CSV, GeoJSON немесе GeoPackage етіп жазу",
    },
    "cli_demo": {
        "en": "fill the store with generated demo data, every name marked DEMO",
        "ru": "заполнить хранилище сгенерированными демо-данными, все имена с пометкой DEMO",
        "kk": "қойманы жасалған демо деректермен толтыру, барлық атауда DEMO белгісі",
    },
    "cli_out_is_folder": {
        "en": "{file} is a folder: give the name of a file to write.",
        "ru": "{file} — это папка: укажите имя файла для записи.",
        "kk": "{file} — қалта: жазылатын файл атын көрсетіңіз.",
    },
    "cli_out_no_folder": {
        "en": "Cannot write {file}: the folder {folder} does not exist; create it or choose another.",
        "ru": "Нельзя записать {file}: папки {folder} нет; создайте её или выберите другую.",
        "kk": "{file} жазу мүмкін емес: {folder} қалтасы жоқ; оны жасаңыз немесе басқасын таңдаңыз.",
    },
    "cli_out_unwritable": {
        "en": "Cannot write {file} ({reason}): check the folder's permissions and free space.",
        "ru": "Нельзя записать {file} ({reason}): проверьте права на папку и свободное место.",
        "kk": "{file} жазу мүмкін емес ({reason}): қалта құқықтары мен бос орынды тексеріңіз.",
    },
    "cli_formats": {"en": "accepted formats:", "ru": "принимаемые форматы:", "kk": "қабылданатын пішімдер:"},
    "cli_opt_layer": {
        "en": "layer of a GeoPackage, or dataset of a ZIP, holding several",
        "ru": "слой GeoPackage или набор данных в ZIP, если их несколько",
        "kk": "бірнешеуі болса, GeoPackage қабаты немесе ZIP ішіндегі деректер жиыны",
    },
    "cli_opt_surveys": {
        "en": "add this season's counts on sample plots drawn at random (a fourth batch)",
        "ru": "добавить учёты этого сезона на случайно выбранных учётных площадках (четвёртый пакет)",
        "kk": "кездейсоқ таңдалған есепке алу алаңдарындағы осы маусымның есептерін қосу (төртінші пакет)",
    },
    "cli_sample": {
        "en": "draw the plantings to survey this season at random, as a survey sheet (CSV)",
        "ru": "случайно выбрать посадки для учёта в этом сезоне, в виде учётной ведомости (CSV)",
        "kk": "осы маусымда есепке алынатын отырғызуларды кездейсоқ таңдау, есеп парағы түрінде (CSV)",
    },
    "cli_opt_sample_n": {
        "en": "how many plantings to draw, 1 or more",
        "ru": "сколько посадок выбрать, 1 или больше",
        "kk": "қанша отырғызу таңдау, 1 немесе көп",
    },
    "cli_opt_sample_region": {
        "en": "draw within one region (ISO code, e.g. KZ-10)",
        "ru": "выбирать в одной области (код ISO, например KZ-10)",
        "kk": "бір облыс ішінде таңдау (ISO коды, мысалы KZ-10)",
    },
    "cli_opt_sample_seed": {
        "en": "the same seed and store give the same draw (default 0)",
        "ru": "одно и то же зерно и хранилище дают ту же выборку (по умолчанию 0)",
        "kk": "бірдей тұқым мен қойма бірдей таңдау береді (әдепкі 0)",
    },
    "cli_opt_sample_out": {
        "en": "the CSV to write (default: standard output)",
        "ru": "CSV-файл для записи (по умолчанию: стандартный вывод)",
        "kk": "жазылатын CSV файлы (әдепкі: стандартты шығыс)",
    },
    "cli_template": {
        "en": "write an empty upload file with its headers in kk, ru or en: plots, plantings, surveys or writeoffs",
        "ru": "записать пустой файл для загрузки (участки, посадки, учёты, списания) с заголовками на kk, ru или en",
        "kk": "жүктеуге арналған бос файл жазу (учаскелер, отырғызулар, есептер, есептен шығару) kk, ru не en тақырыптарымен",
    },
    "cli_opt_template_kind": {
        "en": "what the file is for: plots, plantings, surveys or writeoffs",
        "ru": "для чего файл: plots (участки), plantings (посадки), surveys (учёты) или writeoffs (списания)",
        "kk": "файл не үшін: plots (учаскелер), plantings (отырғызулар), surveys (есептер) немесе writeoffs (есептен шығару)",
    },
    "cli_opt_template_lang": {
        "en": "the language of the headers: kk, ru or en",
        "ru": "язык заголовков: kk, ru или en",
        "kk": "тақырыптар тілі: kk, ru немесе en",
    },
    "cli_opt_template_format": {
        "en": "file format: csv or xlsx",
        "ru": "формат файла: csv или xlsx",
        "kk": "файл пішімі: csv немесе xlsx",
    },
    "upload_layer": {
        "en": "Layer with the plots",
        "ru": "Слой с участками",
        "kk": "Учаскелер қабаты",
    },
    "upload_layer_placeholder": {
        "en": "Choose a layer",
        "ru": "Выберите слой",
        "kk": "Қабатты таңдаңыз",
    },
    # The three numbers of survival in the app: the estimate of surviving trees beside planted and survival-adjusted
    "kpi_estimate": {"en": "Estimated surviving", "ru": "Оценка сохранившихся", "kk": "Сақталғандардың бағасы"},
    "kpi_estimate_interval": {
        "en": "95\u00a0% interval {range}",
        "ru": "95\u00a0% интервал {range}",
        "kk": "95\u00a0% аралық {range}",
    },
    "kpi_estimate_help": {
        "en": "{line}. All the trees planted, surveyed or not, estimated from the plantings surveyed at random; "
        "the true number lies inside a 95 % interval 95 times in 100.",
        "ru": "{line}. Все посаженные деревья, обследованные и нет, оценены по посадкам, выбранным для учёта по "
        "жребию; истинное число попадает в 95 % интервал 95 раз из 100.",
        "kk": "{line}. Барлық отырғызылған ағаштар, тексерілгені де, тексерілмегені де, жеребе бойынша таңдалған "
        "отырғызулар арқылы бағаланды; нақты сан 95 % аралыққа 100 реттің 95-інде түседі.",
    },
    "kpi_estimate_none_too_few_surveys": {
        "en": "needs at least {needed} surveyed plantings",
        "ru": "нужно не меньше {needed} обследованных посадок",
        "kk": "кемінде {needed} тексерілген отырғызу керек",
    },
    "kpi_estimate_none_no_plantings": {
        "en": "no plantings yet",
        "ru": "посадок пока нет",
        "kk": "әзірге отырғызу жоқ",
    },
    "kpi_estimate_none_help": {
        "en": "Orman gives no estimate where fewer than {needed} plantings were surveyed: too few for an honest "
        "interval. The plantings to survey are drawn at random.",
        "ru": "Орман не даёт оценку, где обследовано меньше {needed} посадок: это слишком мало для честного "
        "интервала. Посадки для учёта выбираются по жребию.",
        "kk": "Орман бағаны кемінде {needed} отырғызу тексерілген жерде ғана береді: одан аз болса, шынайы аралық "
        "шықпайды. Есепке алынатын отырғызулар жеребе бойынша таңдалады.",
    },
    "col_estimate": {"en": "Estimated surviving", "ru": "Оценка сохранившихся", "kk": "Сақталғандардың бағасы"},
    "col_estimate_low": {
        "en": "95 % interval, low",
        "ru": "95 % интервал, нижняя граница",
        "kk": "95 % аралық, төменгі шегі",
    },
    "col_estimate_high": {
        "en": "95 % interval, high",
        "ru": "95 % интервал, верхняя граница",
        "kk": "95 % аралық, жоғарғы шегі",
    },
    "col_estimate_note": {"en": "Why no estimate", "ru": "Почему нет оценки", "kk": "Неге баға жоқ"},
    "series_estimate": {
        "en": "Estimated surviving, 95 % interval",
        "ru": "Оценка сохранившихся, 95 % интервал",
        "kk": "Сақталғандардың бағасы, 95 % аралық",
    },
    "estimate_chart_caption": {
        "en": "Dark bar: survival-adjusted, the trees planted times the survival of the surveyed plantings. Black "
        "line: estimated surviving trees, from its 95 % interval's low to its high end, with a dot at the estimate.",
        "ru": "Тёмная полоса: с учётом приживаемости, посаженные деревья, умноженные на приживаемость "
        "обследованных посадок. Чёрная линия: оценка сохранившихся деревьев от нижней до верхней границы "
        "95 % интервала, точка — сама оценка.",
        "kk": "Қою жолақ: сақталуды ескергенде, отырғызылған ағаштар тексерілген отырғызулардың сақталу деңгейіне "
        "көбейтілген. Қара сызық: сақталған ағаштардың бағасы, 95 % аралықтың төменгі шегінен жоғарғы шегіне "
        "дейін, нүкте — бағаның өзі.",
    },
    "public_col_estimate": {
        "en": "Estimated surviving (95 % interval)",
        "ru": "Оценка сохранившихся (95 % интервал)",
        "kk": "Сақталғандардың бағасы (95 % аралық)",
    },
    "empty_surveys": {
        "en": "**Surveys** — CSV or Excel, one row per count of a planting: `plot_id`, `date`, `species`, "
        "`survey_date`, `alive` required; `counted` (spots examined; blank = the whole planting), `survey` (1 or 3, "
        "the inventory's year) and `sample_plot` optional. Sample plots of one planting and date are added up.",
        "ru": "**Учёты** — CSV или Excel, одна строка на учёт посадки: обязательны `plot_id`, `date`, `species`, "
        "`survey_date`, `alive` (или `Код участка`, `Дата`, `Порода`, `Дата учёта`, `Живых`); по желанию `counted` "
        "(осмотрено мест; пусто — вся посадка), `survey` (1 или 3 — год инвентаризации) и `sample_plot`. Учётные "
        "площадки одной посадки и даты складываются.",
        "kk": "**Есептер** — CSV немесе Excel, отырғызудың әр есебіне бір жол: `plot_id`, `date`, `species`, "
        "`survey_date`, `alive` міндетті; қосымша `counted` (қаралған орындар; бос болса — бүкіл отырғызу), "
        "`survey` (1 немесе 3 — түгендеу жылы) және `sample_plot`. Бір отырғызу мен күннің есепке алу алаңдары "
        "қосылады.",
    },
    # The plots below 65 %: what forestry practice asks of each (Progress' survival tab, the map, the exports)
    "below_title": {"en": "Plots below 65 %", "ru": "Участки ниже 65 %", "kk": "65 %-дан төмен учаскелер"},
    "below_caption": {
        "en": "Worst first. A plot's survival is that of its surveyed plantings at their latest surveys; the "
        "filters in the sidebar apply.",
        "ru": "Сначала худшие. Приживаемость участка — по его обследованным посадкам на последних учётах; "
        "фильтры на боковой панели действуют.",
        "kk": "Ең нашарлары алдымен. Учаскенің сақталу деңгейі — оның тексерілген отырғызуларының соңғы "
        "есептері бойынша; бүйір панельдегі сүзгілер қолданылады.",
    },
    "below_none": {
        "en": "No surveyed plot is below 65 %.",
        "ru": "Ни один обследованный участок не ниже 65 %.",
        "kk": "Тексерілген учаскелердің ешқайсысы 65 %-дан төмен емес.",
    },
    "below_flag_filter": {"en": "Show", "ru": "Показать", "kk": "Көрсету"},
    "below_show_all": {"en": "all ({n})", "ru": "все ({n})", "kk": "барлығы ({n})"},
    "below_show_write_off": {
        "en": "write-off candidates ({n})",
        "ru": "к списанию ({n})",
        "kk": "есептен шығаруға ({n})",
    },
    "below_show_gap_filling": {
        "en": "need gap-filling ({n})",
        "ru": "нужно дополнение ({n})",
        "kk": "толықтыру керек ({n})",
    },
    "col_plot": {"en": "Plot", "ru": "Участок", "kk": "Учаске"},
    "col_last_survey": {"en": "Last survey", "ru": "Последний учёт", "kk": "Соңғы есеп"},
    "col_survey_age": {"en": "Months since survey", "ru": "Месяцев с учёта", "kk": "Есептен бері, ай"},
    "col_flag": {"en": "What it needs", "ru": "Что требуется", "kk": "Не қажет"},
    "flag_write_off": {
        "en": "write-off candidate (< 25 %)",
        "ru": "кандидат на списание (< 25 %)",
        "kk": "есептен шығаруға үміткер (< 25 %)",
    },
    "flag_gap_filling": {
        "en": "needs gap-filling (25–85 %)",
        "ru": "нужно дополнение (25–85 %)",
        "kk": "толықтыру керек (25–85 %)",
    },
    "below_help_survival": {
        "en": "Alive at the latest survey of each surveyed planting of the plot, as a share of those plantings' "
        "seedlings.",
        "ru": "Живые на последнем учёте каждой обследованной посадки участка, в процентах от посаженных в этих "
        "посадках.",
        "kk": "Учаскенің әр тексерілген отырғызуының соңғы есебіндегі тірі көшеттер, сол отырғызулардағы "
        "көшеттердің үлесі ретінде.",
    },
    "below_help_age": {
        "en": "Whole months from the plot's latest survey to today. Inventories fall in the autumn of the first and "
        "third year after planting.",
        "ru": "Полных месяцев от последнего учёта участка до сегодня. Инвентаризация проводится осенью первого и "
        "третьего года после посадки.",
        "kk": "Учаскенің соңғы есебінен бүгінге дейінгі толық айлар. Түгендеу отырғызудан кейінгі бірінші және "
        "үшінші жылдың күзінде жүргізіледі.",
    },
    "below_help_flag": {
        "en": "Below 25 %: the planting is counted as dead and is written off by act. From 25 % to 85 %: the gaps "
        "are replanted next spring (gap-filling). From 85 % up nothing is needed. A plot written off by act already "
        "is marked so.",
        "ru": "Ниже 25 %: посадка считается погибшей и списывается актом. От 25 % до 85 %: следующей весной "
        "проводится дополнение. От 85 % и выше ничего не требуется. Участок, уже списанный по акту, так и отмечен.",
        "kk": "25 %-дан төмен: отырғызу өлген деп есептеліп, актімен есептен шығарылады. 25 %-дан 85 %-ға дейін: "
        "келесі көктемде толықтыру жүргізіледі. 85 % және одан жоғары болса, ештеңе қажет емес. Акт бойынша "
        "есептен шығарылған учаске солай белгіленеді.",
    },
    "download_xlsx": {"en": "Download XLSX", "ru": "Скачать XLSX", "kk": "XLSX жүктеп алу"},
    "map_below_only": {
        "en": "Only plots below 65 %",
        "ru": "Только участки ниже 65 %",
        "kk": "Тек 65 %-дан төмен учаскелер",
    },
    "map_below_only_help": {
        "en": "Surveyed plots whose survival at the latest surveys is below 65 %, under the filters below.",
        "ru": "Обследованные участки с приживаемостью ниже 65 % на последних учётах, с фильтрами ниже.",
        "kk": "Соңғы есептердегі сақталу деңгейі 65 %-дан төмен тексерілген учаскелер, төмендегі сүзгілермен.",
    },
    "mappage_below_totals": {
        "en": "Showing only the {plots} surveyed plots below 65 % ({planted} trees planted).",
        "ru": "Показаны только участки с учётом ниже 65 %: {plots} ({planted} деревьев посажено).",
        "kk": "Тек 65 %-дан төмен тексерілген учаскелер көрсетілген: {plots} ({planted} ағаш отырғызылды).",
    },
    "map_expected_alive": {
        "en": "Survival-adjusted",
        "ru": "С учётом приживаемости",
        "kk": "Сақталуды ескергенде",
    },
    "map_flag": {"en": "Needs", "ru": "Требуется", "kk": "Қажет"},
    "map_estimate_interval": {"en": "95 % interval", "ru": "95 % интервал", "kk": "95 % аралық"},
    "api_unknown_region": {
        "en": "Unknown region “{region}”: give one of the ISO codes {codes}.",
        "ru": "Неизвестный регион «{region}»: укажите один из кодов ISO {codes}.",
        "kk": "Белгісіз өңір «{region}»: ISO кодтарының бірін көрсетіңіз: {codes}.",
    },
    "api_unknown_lang": {
        "en": "Unknown language “{value}”: give kk, ru or en.",
        "ru": "Неизвестный язык «{value}»: укажите kk, ru или en.",
        "kk": "Белгісіз тіл «{value}»: kk, ru немесе en көрсетіңіз.",
    },
    "api_unknown_parameter": {
        "en": "Unknown parameter “{name}”: this address takes {allowed}.",
        "ru": "Неизвестный параметр «{name}»: этот адрес принимает {allowed}.",
        "kk": "Белгісіз параметр «{name}»: бұл мекенжай {allowed} қабылдайды.",
    },
    "api_repeated_parameter": {
        "en": "The parameter “{name}” is given more than once: give it once.",
        "ru": "Параметр «{name}» указан больше одного раза: укажите его один раз.",
        "kk": "«{name}» параметрі бірнеше рет берілген: оны бір рет беріңіз.",
    },
    "api_not_found": {
        "en": "No such address: {path}. The API's addresses are described at {spec}.",
        "ru": "Такого адреса нет: {path}. Адреса API описаны в {spec}.",
        "kk": "Мұндай мекенжай жоқ: {path}. API мекенжайлары {spec} сипатталған.",
    },
    "api_method_not_allowed": {
        "en": "This address answers GET and HEAD only.",
        "ru": "Этот адрес отвечает только на GET и HEAD.",
        "kk": "Бұл мекенжай тек GET және HEAD сұрауларына жауап береді.",
    },
    "api_internal_error": {
        "en": "Something went wrong on the server; it has been logged. Try again later.",
        "ru": "На сервере произошла ошибка; она записана в журнал. Повторите позже.",
        "kk": "Серверде қате болды; ол журналға жазылды. Кейінірек қайталаңыз.",
    },
    # The projection to the deadline (Overview's pace panel and trajectory) and the inventories apart
    "series_projected": {
        "en": "Planted at the current pace",
        "ru": "Посадки при текущем темпе",
        "kk": "Қазіргі қарқынмен отырғызу",
    },
    "series_surviving_projected": {
        "en": "Estimated surviving at the current pace",
        "ru": "Оценка сохранившихся при текущем темпе",
        "kk": "Қазіргі қарқынмен сақталғандардың бағасы",
    },
    "series_band": {"en": "95 % band", "ru": "95 % интервал", "kk": "95 % аралық"},
    "trajectory_projection_caption": {
        "en": "From today to {deadline}: dashed green, the trees planted if the pace of the last {months} months "
        "goes on; amber, the estimated surviving trees if the plantings to come survive as the surveyed ones did, "
        "in the shaded 95 % band of the estimate.",
        "ru": "От сегодняшнего дня до {deadline}: зелёный пунктир — посажено, если темп последних {months} мес. "
        "сохранится; янтарная линия — оценка сохранившихся, если будущие посадки приживутся как обследованные, "
        "в закрашенном 95 % интервале оценки.",
        "kk": "Бүгіннен {deadline} дейін: жасыл үзік сызық — соңғы {months} айдың қарқыны сақталса, отырғызылатын "
        "ағаштар; сарғыш сызық — алдағы отырғызулар тексерілгендер сияқты сақталса, сақталғандардың бағасы, "
        "боялған 95 % аралықта.",
    },
    "pace_planted_at_deadline": {
        "en": "Planted by {deadline} at this pace",
        "ru": "Будет посажено к {deadline} при этом темпе",
        "kk": "Осы қарқынмен {deadline} дейін отырғызылады",
    },
    "pace_of_target": {"en": "of {target}", "ru": "из {target}", "kk": "{target} ішінен"},
    "pace_alive_at_deadline": {
        "en": "Alive by {deadline}, estimated",
        "ru": "Сохранится к {deadline}, оценка",
        "kk": "{deadline} дейін сақталады, баға",
    },
    "pace_alive_sub": {
        "en": "95 % band {range}; {needed} needed",
        "ru": "95 % интервал {range}; нужно {needed}",
        "kk": "95 % аралық {range}; {needed} керек",
    },
    "pace_alive_help": {
        "en": "The estimated surviving trees now, plus the trees still to be planted at the current pace times the "
        "estimated survival ({rate}; the band at {rate_low} and {rate_high}). It assumes the plantings to come "
        "survive as the surveyed ones did and the trees alive now stay alive: optimistic where trees die after "
        "their first inventory.",
        "ru": "Оценка сохранившихся сейчас плюс деревья, которые ещё будут посажены при текущем темпе, умноженные "
        "на оценку приживаемости ({rate}; интервал — при {rate_low} и {rate_high}). Предполагается, что будущие "
        "посадки приживутся как обследованные, а живые сейчас деревья сохранятся: оценка оптимистична, если "
        "деревья гибнут после первого учёта.",
        "kk": "Қазір сақталғандардың бағасы, оған қоса қазіргі қарқынмен әлі отырғызылатын ағаштар сақталу "
        "бағасына көбейтілген ({rate}; аралық — {rate_low} және {rate_high}). Алдағы отырғызулар тексерілгендер "
        "сияқты сақталады, ал қазір тірі ағаштар тірі қалады деп есептеледі: ағаштар алғашқы есептен кейін "
        "қурайтын жерде бұл баға тым оптимистік.",
    },
    "pace_surviving_needed": {
        "en": "Surviving trees needed per month",
        "ru": "Нужно сохранившихся в месяц",
        "kk": "Айына қажет сақталған ағаштар",
    },
    "pace_surviving_needed_sub": {
        "en": "{planted} planted a month at {rate} survival",
        "ru": "{planted} посадок в месяц при приживаемости {rate}",
        "kk": "{rate} сақталуымен айына {planted} отырғызу",
    },
    "pace_surviving_needed_help": {
        "en": "To have {needed} trees alive ({share} of {target}) by {deadline}: {gap} more than the {now} "
        "estimated alive now, over {months} months.",
        "ru": "Чтобы к {deadline} жили {needed} деревьев ({share} от {target}): на {gap} больше, чем {now} по "
        "оценке живых сейчас, за {months} мес.",
        "kk": "{deadline} дейін {needed} ағаш тірі болуы үшін ({target} ағаштың {share}): қазір тірі деп "
        "бағаланған {now} ағаштан {gap} артық, {months} ай ішінде.",
    },
    "pace_survival_behind": {
        "en": "Estimated survival is {rate}, below the required {required}: at this pace about {alive} trees would "
        "be alive by {deadline}, of the {needed} needed.",
        "ru": "Оценка приживаемости — {rate}, ниже требуемых {required}: при этом темпе к {deadline} сохранится "
        "около {alive} деревьев из нужных {needed}.",
        "kk": "Сақталу бағасы — {rate}, талап етілген {required} деңгейінен төмен: осы қарқынмен {deadline} дейін "
        "қажетті {needed} ағаштың шамамен {alive} ағашы сақталады.",
    },
    "pace_ahead_survival_unknown": {
        "en": "At the current pace the planting target is reached before the deadline; whether enough trees survive "
        "cannot be told yet: too few plantings were surveyed.",
        "ru": "При текущем темпе цель по посадкам достигается до срока; хватит ли сохранившихся деревьев, пока "
        "сказать нельзя: обследовано слишком мало посадок.",
        "kk": "Қазіргі қарқынмен отырғызу мақсатына мерзімнен бұрын жетеді; ағаштар жеткілікті сақтала ма, әзірге "
        "айту мүмкін емес: тексерілген отырғызулар тым аз.",
    },
    "kpi_inventories": {
        "en": "Survival, 1st / 3rd year",
        "ru": "Приживаемость, 1-й / 3-й год",
        "kk": "Сақталу, 1-ші / 3-ші жыл",
    },
    "kpi_inventories_sub": {
        "en": "95 % interval {first} / {third}",
        "ru": "95 % интервал {first} / {third}",
        "kk": "95 % аралық {first} / {third}",
    },
    "inventories_line": {
        "en": "Estimated survival from 1st-year inventories: {first}; from 3rd-year inventories: {third} (each "
        "planting by its latest survey of that kind).",
        "ru": "Оценка приживаемости по учётам 1-го года: {first}; по учётам 3-го года: {third} (каждая посадка — "
        "по её последнему учёту этого вида).",
        "kk": "1-ші жыл есептері бойынша сақталу бағасы: {first}; 3-ші жыл есептері бойынша: {third} (әр отырғызу "
        "осы түрдегі соңғы есебі бойынша).",
    },
    "inventory_rate": {"en": "{rate} ({low}–{high})", "ru": "{rate} ({low}–{high})", "kk": "{rate} ({low}–{high})"},
    "framing_national": {
        "en": "These are the partnership programme's own figures: {planted} trees planted on its plots, its "
        "contribution to the national effort, which the government reported at about {national} trees by {when}.",
        "ru": "Это собственные данные партнёрской программы: {planted} деревьев, посаженных на её участках, — её "
        "вклад в общенациональную работу, по которой правительство сообщило примерно о {national} деревьев на {when}.",
        "kk": "Бұл — серіктестік бағдарламаның өз деректері: оның учаскелерінде {planted} ағаш отырғызылды; бұл — "
        "жалпыұлттық жұмысқа қосқан үлесі, ол бойынша үкімет {when} жағдайы бойынша шамамен {national} ағаш туралы хабарлады.",
    },
    "framing_region": {
        "en": "These are the partnership programme's own figures in {place}: {planted} trees planted on its plots; "
        "nationally, the government reported about {national} trees by {when}.",
        "ru": "Это собственные данные партнёрской программы по региону «{place}»: {planted} деревьев, посаженных на "
        "её участках; по всей стране правительство сообщило примерно о {national} деревьев на {when}.",
        "kk": "Бұл — серіктестік бағдарламаның «{place}» бойынша өз деректері: оның учаскелерінде {planted} ағаш "
        "отырғызылды; бүкіл ел бойынша үкімет {when} жағдайы бойынша шамамен {national} ағаш туралы хабарлады.",
    },
    "framing_target_bar": {
        "en": "Planted toward the national target of {target} trees: {share}",
        "ru": "Посажено в счёт национальной цели {target} деревьев: {share}",
        "kk": "{target} ағаштан тұратын ұлттық мақсат есебіне отырғызылды: {share}",
    },
    "framing_survival_bar": {
        "en": "Estimated survival {rate}, against the {required} required",
        "ru": "Оценка приживаемости {rate} при требуемых {required}",
        "kk": "Сақталу бағасы {rate}, талап етілетіні {required}",
    },
    "framing_survival_none": {
        "en": "Survival against the {required} required: not estimated yet (too few plantings surveyed).",
        "ru": "Приживаемость при требуемых {required}: оценки пока нет (обследовано слишком мало посадок).",
        "kk": "Талап етілетін {required} сақталу: әзірге бағасы жоқ (тексерілген отырғызулар тым аз).",
    },
    "help_col_surviving": {
        "en": "Live seedlings counted at the latest survey, on the surveyed plantings only (unsurveyed plantings "
        "add nothing here).",
        "ru": "Живые сеянцы по последнему учёту — только на обследованных посадках (необследованные сюда не входят).",
        "kk": "Соңғы есеп бойынша тірі көшеттер — тек тексерілген отырғызуларда (тексерілмегендері мұнда кірмейді).",
    },
    "help_col_survival": {
        "en": "Surviving ÷ planted on the surveyed plantings of this row, in percent; {required} is required.",
        "ru": "Прижилось ÷ посажено на обследованных посадках этой строки, в процентах; требуется {required}.",
        "kk": "Осы жолдағы тексерілген отырғызуларда сақталғаны ÷ отырғызылғаны, пайызбен; талап — {required}.",
    },
    "help_col_adjusted": {
        "en": "Planted × the survival of this row's surveyed plantings: the trees alive if the unsurveyed ones fare "
        "the same. Empty where nothing was surveyed.",
        "ru": "Посажено × приживаемость обследованных посадок этой строки: столько деревьев живо, если "
        "необследованные приживаются так же. Пусто, где учётов не было.",
        "kk": "Отырғызылғаны × осы жолдағы тексерілген отырғызулардың сақталуы: тексерілмегендері де солай "
        "сақталса, тірі ағаштар саны. Есеп болмаған жерде бос.",
    },
    "help_col_estimate": {
        "en": "Trees alive in all of this row's plantings, estimated from surveys of plantings drawn at random, with "
        "its 95 % interval: the figure to report.",
        "ru": "Живые деревья во всех посадках этой строки — оценка по учётам случайно выбранных посадок, с 95 % "
        "интервалом: эту цифру и следует сообщать.",
        "kk": "Осы жолдың барлық отырғызуларындағы тірі ағаштар — кездейсоқ таңдалған отырғызулар есебі бойынша "
        "баға, 95 % аралығымен: хабарлауға тиісті сан осы.",
    },
    # --- issue 17: charts that label everything, Streamlit's own words in the reader's language, rollback refusals
    "chart_needed_per_year": {
        "en": "Needed per year: {value}",
        "ru": "Нужно в год: {value}",
        "kk": "Жылына қажет: {value}",
    },
    "chart_needed_caption": {
        "en": "The dashed line: trees to plant each year from now to reach {target} by {deadline}.",
        "ru": "Пунктир: сколько деревьев нужно сажать в год с сегодняшнего дня, чтобы к {deadline} было {target}.",
        "kk": "Үзік сызық: {deadline} дейін {target} ағашқа жету үшін бүгіннен бастап жыл сайын отырғызу керек ағаш саны.",
    },
    "trajectory_zoom_title": {
        "en": "The programme's own lines, on their own scale",
        "ru": "Линии программы в собственном масштабе",
        "kk": "Бағдарлама сызықтары өз масштабында",
    },
    "uploader_browse": {"en": "Choose a file", "ru": "Выбрать файл", "kk": "Файлды таңдау"},
    "uploader_drop": {"en": "Drop the file here", "ru": "Отпустите файл здесь", "kk": "Файлды осында тастаңыз"},
    "uploader_too_large": {
        "en": "Too large: the limit is {limit} MB per file.",
        "ru": "Файл слишком большой: предел — {limit} МБ.",
        "kk": "Файл тым үлкен: шегі — {limit} МБ.",
    },
    "multiselect_no_results": {"en": "Nothing found", "ru": "Ничего не найдено", "kk": "Ештеңе табылмады"},
    # the map's regions and tiles (issue 17)
    "map_boundaries_attribution": {
        "en": "Boundaries: geoKZ (A. Rodionov), CC BY 4.0",
        "ru": "Границы: geoKZ (А. Родионов), CC BY 4.0",
        "kk": "Шекаралар: geoKZ (А. Родионов), CC BY 4.0",
    },
    "map_basemap_tiles": {"en": "Base map", "ru": "Подложка", "kk": "Негізгі карта"},
    "map_basemap_none": {"en": "Regions only", "ru": "Только регионы", "kk": "Тек өңірлер"},
    "map_legend_regions_survival": {
        "en": "Regions shaded by their survival",
        "ru": "Регионы закрашены по приживаемости",
        "kk": "Өңірлер сақталу деңгейі бойынша боялған",
    },
    "map_legend_regions_planted": {
        "en": "Regions: trees planted",
        "ru": "Регионы: посажено деревьев",
        "kk": "Өңірлер: отырғызылған ағаштар",
    },
    # the embed page's self-resizing snippet and preview (issue 17 #10)
    "embed_auto_title": {
        "en": "Snippet that fits the page's height (recommended)",
        "ru": "Фрагмент, который подстраивается под высоту страницы (рекомендуется)",
        "kk": "Бет биіктігіне өзі бейімделетін фрагмент (ұсынылады)",
    },
    "embed_auto_help": {
        "en": "A small script that Orman serves itself grows the frame to the page's full height: your site "
        "scrolls, the frame never does.",
        "ru": "Небольшой скрипт, который раздаёт сам Орман, растягивает фрейм на всю высоту страницы: "
        "прокручивается ваш сайт, а не фрейм.",
        "kk": "Орманның өзі беретін шағын скрипт фреймді беттің толық биіктігіне дейін созады: фрейм емес, "
        "сіздің сайтыңыз айналдырылады.",
    },
    "embed_fixed_title": {
        "en": "Plain frame of a fixed height",
        "ru": "Простой фрейм постоянной высоты",
        "kk": "Биіктігі тұрақты қарапайым фрейм",
    },
    "embed_fixed_help": {
        "en": "For a site that allows no scripts: the page scrolls inside the frame.",
        "ru": "Для сайта, где нельзя подключать скрипты: страница прокручивается внутри фрейма.",
        "kk": "Скрипт қосуға болмайтын сайт үшін: бет фрейм ішінде айналдырылады.",
    },
    "embed_preview": {"en": "Preview", "ru": "Предпросмотр", "kk": "Алдын ала қарау"},
    "embed_preview_help": {
        "en": "The public page as the snippet shows it, in the language and for the region chosen above.",
        "ru": "Публичная страница так, как её покажет фрагмент, — на выбранном выше языке и для выбранного региона.",
        "kk": "Жария бет фрагмент көрсететіндей — жоғарыда таңдалған тілде және таңдалған өңір бойынша.",
    },
    "col_density": {"en": "Trees per ha", "ru": "Деревьев на 1 га", "kk": "1 га-ға ағаш"},
    "kpi_mapped": {"en": "Mapped", "ru": "На карте", "kk": "Картада"},
    "kpi_mapped_sub": {
        "en": "of planted trees stand on plots with a boundary",
        "ru": "посаженных деревьев — на участках с контуром",
        "kk": "отырғызылған ағаштар — контуры бар учаскелерде",
    },
    "kpi_mapped_help": {
        "en": "The share of planted trees on plots drawn as a polygon; the rest stand on plots given only as a "
        "point with an area. China's greening bulletin reports the same share: 91.8 % in 2021.",
        "ru": "Доля посаженных деревьев на участках, очерченных контуром; остальные — на участках, заданных лишь "
        "точкой с площадью. Такую же долю приводит бюллетень озеленения Китая: 91,8 % в 2021 году.",
        "kk": "Контурмен сызылған учаскелердегі отырғызылған ағаштардың үлесі; қалғаны тек ауданы бар нүктемен "
        "берілген учаскелерде. Қытайдың көгалдандыру бюллетені де осы үлесті келтіреді: 2021 жылы 91,8 %.",
    },
    # --- the audit trail (geo/audit.py, pages/audit.py, `python -m geo audit`) ---
    "nav_audit": {"en": "Audit", "ru": "Журнал действий", "kk": "Әрекеттер журналы"},
    "cli_audit": {
        "en": "every action: sign-ins, account changes, uploads, rollbacks, exports — who, when, what",
        "ru": "все действия: входы, изменения учётных записей, загрузки, откаты, выгрузки — кто, когда, что",
        "kk": "барлық әрекет: кірулер, тіркелгі өзгерістері, жүктеулер, қайтарулар, экспорттар — кім, қашан, не",
    },
    "cli_opt_audit_verify": {
        "en": "check that no entry was edited, inserted or removed (exit 1 if one was)",
        "ru": "проверить, что ни одна запись не изменена, не вставлена и не удалена (код 1, если это не так)",
        "kk": "ешбір жазба өзгертілмегенін, қосылмағанын, жойылмағанын тексеру (олай болса, коды 1)",
    },
    "cli_opt_audit_action": {
        "en": "only this action (sign_in, import, rollback, export, …)",
        "ru": "только это действие (sign_in, import, rollback, export, …)",
        "kk": "тек осы әрекет (sign_in, import, rollback, export, …)",
    },
    "cli_opt_audit_actor": {
        "en": "only what this person did",
        "ru": "только то, что сделал этот человек",
        "kk": "тек осы адам жасаған әрекеттер",
    },
    "cli_opt_audit_since": {
        "en": "only from this day on (Kazakhstan time)",
        "ru": "только начиная с этого дня (время Казахстана)",
        "kk": "тек осы күннен бастап (Қазақстан уақыты)",
    },
    "audit_intact": {
        "en": "The audit trail is intact: no entry was edited, inserted or removed.",
        "ru": "Журнал действий цел: ни одна запись не изменена, не вставлена и не удалена.",
        "kk": "Әрекеттер журналы бүтін: ешбір жазба өзгертілмеген, қосылмаған, жойылмаған.",
    },
    "audit_altered": {
        "en": "The audit trail was altered:",
        "ru": "Журнал действий был изменён:",
        "kk": "Әрекеттер журналы өзгертілген:",
    },
    "audit_empty": {
        "en": "No actions recorded yet.",
        "ru": "Действий пока не записано.",
        "kk": "Әзірге ешбір әрекет жазылмаған.",
    },
    "audit_edited": {
        "en": "Entry {id} was changed after it was written.",
        "ru": "Запись {id} изменена после того, как была сделана.",
        "kk": "{id} жазбасы жазылғаннан кейін өзгертілген.",
    },
    "audit_removed": {
        "en": "Entries removed from the middle of the trail: {ids}.",
        "ru": "Из середины журнала удалены записи: {ids}.",
        "kk": "Журналдың ортасынан жойылған жазбалар: {ids}.",
    },
    "audit_unlinked": {
        "en": "Entry {id} does not follow the entry before it: an entry was put in or replaced there.",
        "ru": "Запись {id} не продолжает предыдущую: здесь вставили или подменили запись.",
        "kk": "{id} жазбасы алдыңғысын жалғастырмайды: мұнда жазба қосылған немесе ауыстырылған.",
    },
    "audit_tail_removed": {
        "en": "The newest entries were removed: {ids} (the checkpoint beside the key has them).",
        "ru": "Удалены последние записи: {ids} (они есть в контрольной точке рядом с ключом).",
        "kk": "Соңғы жазбалар жойылған: {ids} (олар кілттің жанындағы бақылау нүктесінде бар).",
    },
    "audit_rewritten": {
        "en": "Entry {id} is not the one the checkpoint noted: the trail was written again from there.",
        "ru": "Запись {id} не та, что отмечена в контрольной точке: журнал с этого места переписан.",
        "kk": "{id} жазбасы бақылау нүктесінде белгіленген жазба емес: журнал осы жерден қайта жазылған.",
    },
    "audit_key_missing": {
        "en": "The audit key {file} is missing (nor is ORMAN_AUDIT_KEY set): the entries cannot be checked.",
        "ru": "Нет ключа журнала {file} (и не задан ORMAN_AUDIT_KEY): записи нельзя проверить.",
        "kk": "Журнал кілті {file} жоқ (ORMAN_AUDIT_KEY те берілмеген): жазбаларды тексеру мүмкін емес.",
    },
    "audit_checkpoint_unreadable": {
        "en": "The checkpoint {file} cannot be read: whether the newest entries were removed is unknown.",
        "ru": "Не удаётся прочитать контрольную точку {file}: неизвестно, удалены ли последние записи.",
        "kk": "{file} бақылау нүктесін оқу мүмкін емес: соңғы жазбалар жойылды ма, белгісіз.",
    },
    "audit_action_sign_in": {"en": "Signed in", "ru": "Вход", "kk": "Кіру"},
    "audit_action_sign_in_failed": {"en": "Failed sign-in", "ru": "Неудачный вход", "kk": "Сәтсіз кіру"},
    "audit_action_user_added": {"en": "Account added", "ru": "Учётная запись создана", "kk": "Тіркелгі құрылды"},
    "audit_action_user_disabled": {
        "en": "Account disabled",
        "ru": "Учётная запись отключена",
        "kk": "Тіркелгі өшірілді",
    },
    "audit_action_user_enabled": {
        "en": "Account enabled",
        "ru": "Учётная запись включена",
        "kk": "Тіркелгі қайта іске қосылды",
    },
    "audit_action_role_changed": {"en": "Role changed", "ru": "Роль изменена", "kk": "Рөл өзгертілді"},
    "audit_action_password_changed": {
        "en": "Password changed",
        "ru": "Пароль изменён",
        "kk": "Құпиясөз өзгертілді",
    },
    "audit_action_import": {"en": "Upload", "ru": "Загрузка", "kk": "Жүктеу"},
    "audit_action_submit": {
        "en": "Upload submitted for approval",
        "ru": "Загрузка отправлена на утверждение",
        "kk": "Жүктеу бекітуге жіберілді",
    },
    "audit_action_approve": {"en": "Batch approved", "ru": "Пакет утверждён", "kk": "Пакет бекітілді"},
    "audit_action_reject": {"en": "Batch rejected", "ru": "Пакет отклонён", "kk": "Пакет қабылданбады"},
    "audit_action_rollback": {"en": "Rollback", "ru": "Откат", "kk": "Қайтару"},
    "audit_action_settings_changed": {
        "en": "Settings changed",
        "ru": "Настройки изменены",
        "kk": "Баптаулар өзгертілді",
    },
    "audit_action_export": {"en": "Export", "ru": "Выгрузка", "kk": "Экспорт"},
    "audit_action_demo": {"en": "Demo data loaded", "ru": "Загружены демо-данные", "kk": "Демо деректер жүктелді"},
    "audit_fact_kind": {"en": "kind", "ru": "вид", "kk": "түрі"},
    "audit_fact_file": {"en": "file", "ru": "файл", "kk": "файл"},
    "audit_fact_rows": {"en": "rows", "ru": "строк", "kk": "жол"},
    "audit_fact_new": {"en": "new", "ru": "новых", "kk": "жаңа"},
    "audit_fact_updated": {"en": "updated", "ru": "обновлено", "kk": "жаңартылды"},
    "audit_fact_unchanged": {"en": "unchanged", "ru": "без изменений", "kk": "өзгеріссіз"},
    "audit_fact_skipped": {"en": "skipped", "ru": "пропущено", "kk": "өткізілді"},
    "audit_fact_removed": {"en": "versions removed", "ru": "удалено версий", "kk": "жойылған нұсқалар"},
    "audit_fact_restored": {"en": "versions restored", "ru": "восстановлено версий", "kk": "қалпына келген нұсқалар"},
    "audit_fact_role": {"en": "role", "ru": "роль", "kk": "рөл"},
    "audit_fact_email": {"en": "e-mail", "ru": "эл. почта", "kk": "эл. пошта"},
    "audit_fact_failure": {"en": "refused", "ru": "отказ", "kk": "бас тарту"},
    "audit_fact_reason": {"en": "reason", "ru": "причина", "kk": "себебі"},
    "audit_fact_format": {"en": "format", "ru": "формат", "kk": "пішім"},
    "audit_fact_plots": {"en": "plots", "ru": "участков", "kk": "учаске"},
    "audit_fact_batches": {"en": "batches", "ru": "пакеты", "kk": "пакеттер"},
    "audit_fact_via": {"en": "via", "ru": "способ", "kk": "тәсілі"},
    "audit_fact_setting": {"en": "setting", "ru": "настройка", "kk": "баптау"},
    "audit_fact_value": {"en": "value", "ru": "значение", "kk": "мәні"},
    "audit_failure_invalid": {
        "en": "wrong name or password",
        "ru": "неверное имя или пароль",
        "kk": "аты немесе құпиясөз қате",
    },
    "audit_failure_locked": {"en": "name locked", "ru": "имя заблокировано", "kk": "ат бұғатталған"},
    "audit_failure_disabled": {"en": "account disabled", "ru": "учётная запись отключена", "kk": "тіркелгі өшірілген"},
    "audit_title": {"en": "Audit trail", "ru": "Журнал действий", "kk": "Әрекеттер журналы"},
    "audit_intro": {
        "en": "Every action, newest first: sign-ins (failed ones too), account changes, uploads, rollbacks, "
        "exports. Entries are only ever added; each is sealed to the one before it, so an edited, inserted or "
        "removed entry shows below.",
        "ru": "Все действия, новые сначала: входы (и неудачные), изменения учётных записей, загрузки, откаты, "
        "выгрузки. Записи только добавляются; каждая скреплена с предыдущей, поэтому изменённая, вставленная "
        "или удалённая запись видна ниже.",
        "kk": "Барлық әрекет, жаңалары алдымен: кірулер (сәтсіздері де), тіркелгі өзгерістері, жүктеулер, "
        "қайтарулар, экспорттар. Жазбалар тек қосылады; әрқайсысы алдыңғысымен бекітілген, сондықтан "
        "өзгертілген, қосылған немесе жойылған жазба төменде көрінеді.",
    },
    "audit_filter_action": {"en": "Action", "ru": "Действие", "kk": "Әрекет"},
    "audit_filter_actor": {"en": "Person", "ru": "Кто", "kk": "Кім"},
    "audit_filter_days": {"en": "Days", "ru": "Дни", "kk": "Күндер"},
    "audit_all": {"en": "All", "ru": "Все", "kk": "Барлығы"},
    "audit_col_id": {"en": "No.", "ru": "№", "kk": "№"},
    "audit_col_action": {"en": "Action", "ru": "Действие", "kk": "Әрекет"},
    "audit_col_subject": {"en": "Subject", "ru": "Объект", "kk": "Нысан"},
    "audit_col_details": {"en": "Details", "ru": "Подробности", "kk": "Толығырақ"},
    "audit_key_unwritable": {
        "en": "The audit trail's key cannot be made in {folder} (no permission, or no space): nothing was done. "
        "Let the server write there, or set ORMAN_AUDIT_DIR or ORMAN_AUDIT_KEY.",
        "ru": "Не удаётся создать ключ журнала действий в {folder} (нет прав или места): ничего не сделано. "
        "Разрешите серверу запись туда или задайте ORMAN_AUDIT_DIR либо ORMAN_AUDIT_KEY.",
        "kk": "{folder} ішінде әрекеттер журналының кілтін жасау мүмкін емес (рұқсат не орын жоқ): ештеңе "
        "жасалмады. Серверге сол жерге жазуға рұқсат беріңіз немесе ORMAN_AUDIT_DIR не ORMAN_AUDIT_KEY беріңіз.",
    },
    "audit_none_match": {
        "en": "No entries for this selection.",
        "ru": "Для этого выбора записей нет.",
        "kk": "Бұл таңдау бойынша жазба жоқ.",
    },
    # --- Sign-off (issue 16): submitted batches, the Review page, the sign-off setting ---
    "nav_review": {"en": "Review", "ru": "Проверка", "kk": "Тексеру"},
    "auth_role_supervisor": {"en": "Supervisor", "ru": "Руководитель", "kk": "Жетекші"},
    "auth_action_review": {
        "en": "approve or reject uploads",
        "ru": "утверждать и отклонять загрузки",
        "kk": "жүктеулерді бекіту және қабылдамау",
    },
    "auth_action_settings": {
        "en": "change the store's settings",
        "ru": "менять настройки хранилища",
        "kk": "қойма баптауларын өзгерту",
    },
    "auth_own_batch_review": {
        "en": "Upload {batch} is your own: another supervisor or an administrator must approve or reject it.",
        "ru": "Загрузка {batch} — ваша: утвердить или отклонить её должен другой руководитель или администратор.",
        "kk": "{batch} жүктеуі — сіздікі: оны басқа жетекші немесе әкімші бекітуі не қабылдамауы керек.",
    },
    "auth_user_inactive": {
        "en": "The account {name} is disabled: it can act no more. See `python -m geo user list`.",
        "ru": "Учётная запись {name} отключена и действовать не может. Список: `python -m geo user list`.",
        "kk": "{name} тіркелгісі өшірілген, әрекет ете алмайды. Тізім: `python -m geo user list`.",
    },
    "setting_unknown": {
        "en": "There is no setting {name}. Settings: {names}.",
        "ru": "Настройки {name} нет. Настройки: {names}.",
        "kk": "{name} баптауы жоқ. Баптаулар: {names}.",
    },
    "setting_bad_value": {
        "en": "{name} cannot be “{value}”: it is one of {values}.",
        "ru": "{name} не может быть «{value}»: допустимо {values}.",
        "kk": "{name} «{value}» бола алмайды: рұқсат етілгені {values}.",
    },
    "cli_approve": {
        "en": "approve a submitted batch: it starts to count",
        "ru": "утвердить поданный пакет: он начинает учитываться",
        "kk": "тапсырылған пакетті бекіту: ол есептеле бастайды",
    },
    "cli_reject": {
        "en": "reject a submitted batch, with the reason: it never counts",
        "ru": "отклонить поданный пакет с указанием причины: он не учитывается",
        "kk": "тапсырылған пакетті себебін көрсетіп қабылдамау: ол есептелмейді",
    },
    "cli_settings": {
        "en": "show the store's settings, or change one (--sign-off on|off)",
        "ru": "показать настройки хранилища или изменить одну (--sign-off on|off)",
        "kk": "қойма баптауларын көрсету немесе біреуін өзгерту (--sign-off on|off)",
    },
    "cli_opt_user_decide": {
        "en": "the account that decides: an active supervisor or administrator, not the batch's uploader "
        "(default: the server's operator)",
        "ru": "учётная запись, которая решает: действующий руководитель или администратор, не автор пакета "
        "(по умолчанию: оператор сервера)",
        "kk": "шешім қабылдайтын тіркелгі: белсенді жетекші немесе әкімші, пакет авторы емес "
        "(әдепкі: сервер операторы)",
    },
    "cli_opt_user_settings": {
        "en": "the administrator's account that changes it (default: the server's operator)",
        "ru": "учётная запись администратора, который меняет настройку (по умолчанию: оператор сервера)",
        "kk": "баптауды өзгертетін әкімші тіркелгісі (әдепкі: сервер операторы)",
    },
    "cli_opt_reason": {
        "en": "why the batch is rejected (the officer reads it)",
        "ru": "почему пакет отклонён (это прочтёт специалист)",
        "kk": "пакет неге қабылданбады (оны маман оқиды)",
    },
    "cli_opt_sign_off": {
        "en": "on: uploads wait for a supervisor's approval before they count; off: they count at once",
        "ru": "on: загрузки учитываются только после утверждения руководителем; off: сразу",
        "kk": "on: жүктеулер жетекші бекіткеннен кейін ғана есептеледі; off: бірден",
    },
    "cli_opt_demo_sign_off": {
        "en": "also turn sign-off on and leave one upload waiting for approval and one rejected",
        "ru": "также включить утверждение и оставить одну загрузку на утверждении, одну отклонённой",
        "kk": "бекітуді де қосып, бір жүктеуді бекітуді күтетін, біреуін қабылданбаған күйде қалдыру",
    },
    "import_submitted": {
        "en": "Batch {batch} submitted: it counts in the figures once a supervisor approves it.",
        "ru": "Пакет {batch} подан: он войдёт в показатели после утверждения руководителем.",
        "kk": "{batch} пакеті тапсырылды: жетекші бекіткен соң көрсеткіштерге кіреді.",
    },
    "approve_done": {
        "en": "Batch {batch} approved: {new} new, {updated} updated, {unchanged} unchanged records now count.",
        "ru": "Пакет {batch} утверждён: учитываются {new} новых, {updated} обновлённых, {unchanged} без изменений.",
        "kk": "{batch} пакеті бекітілді: {new} жаңа, {updated} жаңартылған, {unchanged} өзгермеген жазба есептеледі.",
    },
    "reject_done": {
        "en": "Batch {batch} rejected: it will not count. Its uploader sees the reason.",
        "ru": "Пакет {batch} отклонён и не будет учитываться. Автор загрузки увидит причину.",
        "kk": "{batch} пакеті қабылданбады және есептелмейді. Жүктеу авторы себебін көреді.",
    },
    "batch_status_approved": {"en": "in force", "ru": "действует", "kk": "күшінде"},
    "batch_status_submitted": {"en": "awaiting approval", "ru": "ждёт утверждения", "kk": "бекітуді күтуде"},
    "batch_status_rejected": {"en": "rejected", "ru": "отклонён", "kk": "қабылданбады"},
    "batch_status_rolled_back": {"en": "rolled back", "ru": "откачен", "kk": "қайтарылды"},
    "history_rejected": {
        "en": "Rejected {when} by {user}: {reason}",
        "ru": "Отклонён {when}, {user}: {reason}",
        "kk": "{when} қабылданбады, {user}: {reason}",
    },
    "history_approved_by": {
        "en": "approved {when} by {user}",
        "ru": "утверждён {when}, {user}",
        "kk": "{when} бекітілді, {user}",
    },
    "pending_help": {
        "en": "Trees in {batches} submitted uploads: they count once a supervisor approves them.",
        "ru": "Деревья в поданных загрузках ({batches}): учитываются после утверждения руководителем.",
        "kk": "Тапсырылған жүктеулердегі ағаштар ({batches}): жетекші бекіткен соң есептеледі.",
    },
    "review_title": {"en": "Review of uploads", "ru": "Проверка загрузок", "kk": "Жүктеулерді тексеру"},
    "review_caption": {
        "en": "Uploads submitted for approval. An approved upload is checked again against the store as it is now "
        "and then counts; a rejected one never does, and its uploader sees why.",
        "ru": "Загрузки, поданные на утверждение. Утверждённая загрузка проверяется заново по текущему состоянию "
        "хранилища и начинает учитываться; отклонённая не учитывается, и автор видит причину.",
        "kk": "Бекітуге тапсырылған жүктеулер. Бекітілген жүктеу қойманың қазіргі күйі бойынша қайта тексеріліп, "
        "есептеле бастайды; қабылданбағаны есептелмейді, ал автор себебін көреді.",
    },
    "review_empty": {
        "en": "No upload is waiting for approval.",
        "ru": "Загрузок, ожидающих утверждения, нет.",
        "kk": "Бекітуді күтетін жүктеу жоқ.",
    },
    "review_pick": {"en": "Upload to review", "ru": "Загрузка для проверки", "kk": "Тексерілетін жүктеу"},
    "review_submitted_by": {
        "en": "Submitted {when} by {user}.",
        "ru": "Подана {when}, {user}.",
        "kk": "{when} тапсырылды, {user}.",
    },
    "review_now": {
        "en": "If approved now",
        "ru": "Если утвердить сейчас",
        "kk": "Қазір бекітілсе",
    },
    "review_gone": {
        "en": "This upload is no longer waiting: someone decided on it meanwhile.",
        "ru": "Эта загрузка больше не ждёт: по ней уже приняли решение.",
        "kk": "Бұл жүктеу енді күтпейді: ол бойынша шешім қабылданып қойған.",
    },
    "review_approve": {"en": "Approve", "ru": "Утвердить", "kk": "Бекіту"},
    "review_reject": {"en": "Reject", "ru": "Отклонить", "kk": "Қабылдамау"},
    "review_reason": {
        "en": "Reason for rejecting (the uploader reads it)",
        "ru": "Причина отклонения (её прочтёт автор загрузки)",
        "kk": "Қабылдамау себебі (оны жүктеу авторы оқиды)",
    },
    "review_plots_map": {
        "en": "The plots of this upload.",
        "ru": "Участки этой загрузки.",
        "kk": "Осы жүктеудің учаскелері.",
    },
    "admin_settings": {"en": "Settings", "ru": "Настройки", "kk": "Баптаулар"},
    "admin_sign_off": {
        "en": "Uploads wait for a supervisor's approval (sign-off)",
        "ru": "Загрузки ждут утверждения руководителем",
        "kk": "Жүктеулер жетекшінің бекітуін күтеді",
    },
    "admin_sign_off_help": {
        "en": "On: an upload is submitted and counts in no figure, map or public page until a supervisor or an "
        "administrator other than its uploader approves it. Off: every upload counts at once.",
        "ru": "Включено: загрузка подаётся и не входит ни в показатели, ни в карту, ни в публичную страницу, пока её "
        "не утвердит руководитель или администратор — не её автор. Выключено: загрузки учитываются сразу.",
        "kk": "Қосулы: жүктеу тапсырылады және оны авторы емес жетекші не әкімші бекітпейінше көрсеткіштерге, "
        "картаға, жария бетке кірмейді. Өшірулі: жүктеулер бірден есептеледі.",
    },
    "admin_setting_saved": {
        "en": "Setting saved: {name} = {value}.",
        "ru": "Настройка сохранена: {name} = {value}.",
        "kk": "Баптау сақталды: {name} = {value}.",
    },
    "kpi_gap_filled": {"en": "Gap-filled", "ru": "Дополнено", "kk": "Толықтырылды"},
    "kpi_gap_filled_sub": {
        "en": "seedlings replacing dead ones, not counted as planted",
        "ru": "саженцев взамен погибших, в посаженные не входят",
        "kk": "өлгендердің орнына көшет, отырғызылғанға кірмейді",
    },
    "kpi_gap_filled_help": {
        "en": "Gap-filling (дополнение) replaces seedlings that died in an earlier planting. Counting them as new "
        "trees would count one place twice, so they stand apart: planted, survival and the estimate are the "
        "plantings' own.",
        "ru": "Дополнение заменяет саженцы, погибшие в прежней посадке. Если считать их новыми деревьями, одно место "
        "посчитается дважды, поэтому они учтены отдельно: посажено, приживаемость и оценка — только по посадкам.",
        "kk": "Толықтыру бұрынғы отырғызуда өлген көшеттерді ауыстырады. Оларды жаңа ағаш деп санасақ, бір орын екі "
        "рет есептеледі, сондықтан бөлек көрсетілген: отырғызылғаны, сақталуы және бағасы — тек отырғызулар "
        "бойынша.",
    },
    "kpi_sown": {"en": "Sown", "ru": "Посеяно", "kk": "Себілді"},
    "kpi_sown_sub": {
        "en": "hectares of direct seeding",
        "ru": "гектаров прямого посева",
        "kk": "тікелей себудің гектары",
    },
    "kpi_sown_help": {
        "en": "Direct seeding (saxaul on the dried Aral seabed, for one) is counted in hectares, not trees, as the "
        'national totals report "planted and sown".',
        "ru": "Прямой посев (например, саксаула на осушенном дне Арала) учитывается в гектарах, а не в деревьях — "
        "как в национальных итогах «посажено и посеяно».",
        "kk": "Тікелей себу (мысалы, Аралдың құрғаған табанына сексеуіл) ағашпен емес, гектармен есептеледі — "
        "ұлттық қорытындылардағы «отырғызылды және себілді» сияқты.",
    },
    "col_gap_filled": {"en": "Gap-filled", "ru": "Дополнено", "kk": "Толықтырылды"},
    "col_sown": {"en": "Sown, ha", "ru": "Посеяно, га", "kk": "Себілді, га"},
    "help_col_gap_filled": {
        "en": "Seedlings of gap-filling (replacing dead ones): not in planted, nor in survival.",
        "ru": "Саженцы дополнения (взамен погибших): не входят ни в посаженные, ни в приживаемость.",
        "kk": "Толықтыру көшеттері (өлгендердің орнына): отырғызылғанға да, сақталуға да кірмейді.",
    },
    "cli_gap_filled": {
        "en": "Gap-filled (not in planted)",
        "ru": "Дополнено (не входит в посаженные)",
        "kk": "Толықтырылды (отырғызылғанға кірмейді)",
    },
    "cli_sown": {"en": "Sown, ha", "ru": "Посеяно, га", "kk": "Себілді, га"},
    "kind_writeoffs": {"en": "write-offs (acts)", "ru": "списания (акты)", "kk": "есептен шығару (актілер)"},
    "map_written_off": {"en": "Written off", "ru": "Списано", "kk": "Есептен шығарылды"},
    "map_act": {
        "en": "act № {act} of {date}, {reason}",
        "ru": "акт № {act} от {date}, {reason}",
        "kk": "{date} күнгі № {act} акт, {reason}",
    },
    "map_legend_written_off": {
        "en": "written off by act",
        "ru": "списано по акту",
        "kk": "акт бойынша есептен шығарылған",
    },
    "kpi_written_off": {"en": "Written off", "ru": "Списано", "kk": "Есептен шығарылды"},
    "kpi_written_off_sub": {
        "en": "trees on plantings written off by act",
        "ru": "деревьев в посадках, списанных по акту",
        "kk": "акт бойынша есептен шығарылған отырғызулардағы ағаш",
    },
    "kpi_written_off_help": {
        "en": "Trees planted on plantings written off by act (fire, drought, pests, grazing). They stay in the "
        "trees planted, the history of what was planted, and count zero alive from the act's date in every "
        "survival figure and in the estimate.",
        "ru": "Деревья, посаженные в посадках, списанных по акту (пожар, засуха, вредители, выпас). Они остаются "
        "в числе посаженных — в истории того, что посажено, — и с даты акта считаются погибшими во всех "
        "показателях приживаемости и в оценке.",
        "kk": "Акт бойынша есептен шығарылған отырғызулардағы ағаштар (өрт, құрғақшылық, зиянкестер, мал жаю). "
        "Олар отырғызылғандар санында — не отырғызылғанының тарихында — қалады, ал акт күнінен бастап "
        "сақталу көрсеткіштерінің бәрінде және бағалауда тірі емес деп есептеледі.",
    },
    "history_acts": {
        "en": "The acts of this write-off",
        "ru": "Акты этого списания",
        "kk": "Осы есептен шығарудың актілері",
    },
    "col_act": {"en": "Act", "ru": "Номер акта", "kk": "Акт нөмірі"},
    "col_act_date": {"en": "Date of the act", "ru": "Дата акта", "kk": "Акт күні"},
    "col_reason": {"en": "Reason", "ru": "Причина", "kk": "Себебі"},
    "col_planting_date": {"en": "Planting date", "ru": "Дата посадки", "kk": "Отырғызу күні"},
    "writeoff_whole_plot": {
        "en": "every planting of the plot",
        "ru": "все посадки участка",
        "kk": "учаскенің барлық отырғызулары",
    },
    "flag_written_off": {"en": "written off by act", "ru": "списан по акту", "kk": "акт бойынша есептен шығарылған"},
    "below_show_written_off": {
        "en": "written off by act ({n})",
        "ru": "списаны по акту ({n})",
        "kk": "акт бойынша есептен шығарылғандар ({n})",
    },
}
