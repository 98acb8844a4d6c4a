"""Demo content for a small English-language defense and security news desk.

Everything in this module is fictional and was written for Newsdesk's demo data: the
articles, the contributors, the companies (Daehan Aerospace, Hanbit Defense Systems,
Seohae Heavy Industries, Namhae Shipbuilding, Jindo Marine Systems, Geumgang Robotics,
Haneul Orbital) and every quoted official or analyst. Real institutions and equipment
programs appear only as settings for invented events.

The module is plain data with no Django imports, so it can be read by the seeding command,
by tests and by the image generator alike.

``age_hours`` is relative to the moment the demo is seeded: positive values lie in the past,
negative values (scheduled articles) lie in the future, and drafts use 0.
"""

SECTIONS = [
    {
        "name": "Land Forces",
        "slug": "land-forces",
        "description": "The Army and ground forces: equipment, training, logistics and readiness.",
        "position": 1,
    },
    {
        "name": "Air & Space",
        "slug": "air-space",
        "description": "Combat aircraft, missile defense, drones and military space programs.",
        "position": 2,
    },
    {
        "name": "Naval",
        "slug": "naval",
        "description": "Warships, submarines, shipyards and maritime security near the peninsula.",
        "position": 3,
    },
    {
        "name": "Policy & Industry",
        "slug": "policy-industry",
        "description": "Budgets, alliances, procurement and the business of defense.",
        "position": 4,
    },
]

TAGS = [
    {"name": "KF-21", "slug": "kf-21"},
    {"name": "Missile defense", "slug": "missile-defense"},
    {"name": "Shipbuilding", "slug": "shipbuilding"},
    {"name": "Exports", "slug": "exports"},
    {"name": "Alliance", "slug": "alliance"},
    {"name": "Drones", "slug": "drones"},
    {"name": "Cyber", "slug": "cyber"},
    {"name": "Space", "slug": "space"},
    {"name": "Artillery", "slug": "artillery"},
    {"name": "Submarines", "slug": "submarines"},
    {"name": "Budget", "slug": "budget"},
    {"name": "Training", "slug": "training"},
    {"name": "Logistics", "slug": "logistics"},
    {"name": "North Korea", "slug": "north-korea"},
    {"name": "Procurement", "slug": "procurement"},
    {"name": "Armor", "slug": "armor"},
]

CONTRIBUTORS = [
    {
        "display_name": "Han Seo-yeon",
        "slug": "han-seo-yeon",
        "bio": (
            "Han Seo-yeon covers the defense industry, exports and procurement for Newsdesk. "
            "She previously reported on shipbuilding and heavy industry for a business daily "
            "in Busan."
        ),
        "year": 2019,
    },
    {
        "display_name": "Daniel Okafor",
        "slug": "daniel-okafor",
        "bio": (
            "Daniel Okafor is Newsdesk's air power correspondent, covering combat aircraft, "
            "missile defense and air force policy. Before moving to Seoul he spent six years "
            "as an aviation reporter in London and Lagos."
        ),
        "year": 2020,
    },
    {
        "display_name": "Park Ji-hoon",
        "slug": "park-ji-hoon",
        "bio": (
            "Park Ji-hoon reports on the Navy, shipyards and maritime security. He served as a "
            "surface warfare officer for eight years before turning to journalism."
        ),
        "year": 2021,
    },
    {
        "display_name": "Mira Lindqvist",
        "slug": "mira-lindqvist",
        "bio": (
            "Mira Lindqvist writes about alliance politics, defense budgets and strategy. She "
            "holds a doctorate in East Asian security studies and spent several years at a "
            "policy institute in Stockholm."
        ),
        "year": 2022,
    },
    {
        "display_name": "Choi Eun-ji",
        "slug": "choi-eun-ji",
        "bio": (
            "Choi Eun-ji covers the Army and ground forces, from training and personnel to "
            "equipment programs. She spends much of her time reporting from bases and "
            "training areas in Gyeonggi and Gangwon provinces."
        ),
        "year": 2023,
    },
    {
        "display_name": "Tomás Reyes",
        "slug": "tomas-reyes",
        "bio": (
            "Tomás Reyes is Newsdesk's graphics editor, responsible for maps, explainers and "
            "illustrations. He has designed data graphics for newsrooms in Madrid and Seoul."
        ),
        "year": 2024,
    },
    {
        "display_name": "Yoon Min-jae",
        "slug": "yoon-min-jae",
        "bio": (
            "Yoon Min-jae reports on cyber security, space and military technology. He joined "
            "Newsdesk from a technology news site, where he covered semiconductors and telecoms."
        ),
        "year": 2025,
    },
]

# Colour schemes for the procedural lead images (see images.py). Each palette describes a
# time of day or weather: sky gradient, sun or moon, distant and near silhouettes, sea
# gradient and a light accent used for contrails, signal arcs and chart lines.
IMAGE_PALETTES = [
    {
        "name": "dawn",
        "sky_top": "#2b3a55",
        "sky_bottom": "#e8a87c",
        "sun": "#fbe3b8",
        "far": "#8d7f8f",
        "near": "#1e2230",
        "sea_top": "#6e7b95",
        "sea_bottom": "#1f2a3d",
        "accent": "#f2c38b",
    },
    {
        "name": "overcast",
        "sky_top": "#7d8e9c",
        "sky_bottom": "#d7dde2",
        "sun": "#f1f3f4",
        "far": "#a3aeb8",
        "near": "#2a343d",
        "sea_top": "#7f909c",
        "sea_bottom": "#2e3d48",
        "accent": "#eef3f6",
    },
    {
        "name": "dusk",
        "sky_top": "#1b1f3b",
        "sky_bottom": "#c0607a",
        "sun": "#ffd2a1",
        "far": "#6b4a6e",
        "near": "#141526",
        "sea_top": "#5a4467",
        "sea_bottom": "#141a2c",
        "accent": "#ffb08f",
    },
    {
        "name": "clear",
        "sky_top": "#2f6ea5",
        "sky_bottom": "#bfe0f2",
        "sun": "#fffbe8",
        "far": "#7aa0b8",
        "near": "#1d3447",
        "sea_top": "#3f7ea6",
        "sea_bottom": "#0f3552",
        "accent": "#ffffff",
    },
    {
        "name": "haze",
        "sky_top": "#b9a98c",
        "sky_bottom": "#efe3c8",
        "sun": "#fff6df",
        "far": "#ad9d82",
        "near": "#3b3428",
        "sea_top": "#a99c82",
        "sea_bottom": "#4a4336",
        "accent": "#fff4da",
    },
    {
        "name": "night",
        "sky_top": "#070b18",
        "sky_bottom": "#23345a",
        "sun": "#dfe7f5",
        "far": "#2a3a5c",
        "near": "#05070e",
        "sea_top": "#1c2a47",
        "sea_bottom": "#05080f",
        "accent": "#8fb3ff",
    },
    {
        "name": "steel",
        "sky_top": "#33414e",
        "sky_bottom": "#9aa9b3",
        "sun": "#e9eef1",
        "far": "#6d7c88",
        "near": "#161d24",
        "sea_top": "#4f606c",
        "sea_bottom": "#151d24",
        "accent": "#d6e2ea",
    },
]

ARTICLES = [
    {
        "headline": "Army fields portable counter-drone jammers at forward outposts near the DMZ",
        "slug": "army-fields-counter-drone-jammers-at-forward-outposts",
        "section": "land-forces",
        "tags": ["drones", "north-korea"],
        "contributors": ["choi-eun-ji", "yoon-min-jae"],
        "summary": (
            "Front-line guard units are receiving backpack-sized jammers after a year of trials, "
            "though soldiers say spotting small drones, not disrupting them, remains the harder "
            "problem."
        ),
        "paragraphs": [
            (
                "The Army has begun issuing portable counter-drone jammers to guard units along "
                "the western stretch of the Demilitarized Zone, according to a Ground Operations "
                "Command notice seen by Newsdesk. The backpack-sized systems are designed to break "
                "the radio link between a small drone and its operator, forcing most commercial "
                "models to hover, land or fly home."
            ),
            (
                "The rollout follows a year of trials in which two infantry divisions tested three "
                "competing designs in rain, fog and sub-zero temperatures. A command spokesperson "
                "said the chosen model weighed under nine kilograms with its battery and could be "
                "carried by one soldier on patrol."
            ),
            (
                "Soldiers who took part in the trials described the jammers as useful but limited. "
                "“The jammer works when you know where to point it,” said a staff sergeant who "
                "asked not to be named because he was not authorized to speak to the press. “Most "
                "of the time the problem is seeing the thing in the first place.”"
            ),
            (
                "To close that gap, the Army plans to pair the jammers with a network of small "
                "acoustic and radio-frequency sensors at selected outposts next year. Officials "
                "have not said how many sensors will be bought or which company will supply them."
            ),
            (
                "Analysts caution that jamming is only one layer of a defense. “Drones that fly "
                "pre-programmed routes, or that are steered through a fibre-optic cable, simply "
                "ignore a jammer,” said Lee Ha-neul, a researcher at the Institute for Ground "
                "Warfare Studies in Seoul. “You still need something that can physically stop "
                "them.”"
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a small quadcopter drone silhouette hovering above layered "
                "mountain ridges under a gradient sky."
            ),
            "caption": (
                "Counter-drone jammers are being issued to guard units along the western stretch "
                "of the DMZ."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 0.5,
    },
    {
        "headline": (
            "Howitzer battalion completes first live fire with upgraded automated ammunition loader"
        ),
        "slug": "howitzer-battalion-completes-first-live-fire-with-automated-loader",
        "section": "land-forces",
        "tags": ["artillery", "procurement"],
        "contributors": ["choi-eun-ji"],
        "summary": (
            "The upgrade cuts crew workload and lets tracked howitzers fire a three-round burst in "
            "under fifteen seconds, the Army says."
        ),
        "paragraphs": [
            (
                "A self-propelled howitzer battalion in Gyeonggi Province fired its first live "
                "rounds this week using an upgraded automated ammunition loader, the Army said on "
                "Tuesday. The battalion's guns fired more than 200 rounds over two days at a range "
                "near Pocheon, testing both the loader and a revised fire-control software "
                "package."
            ),
            (
                "The new loader moves shells from the turret magazine to the breech without a crew "
                "member lifting them, a job that previously required one soldier per gun to handle "
                "projectiles weighing more than 40 kilograms. The Army says the change allows a "
                "three-round burst in under fifteen seconds and reduces the crew from five to "
                "four."
            ),
            (
                "“Our crews are getting smaller because our recruiting pool is getting smaller,” "
                "said Lt. Col. Seo Jae-won, the battalion commander. “Every task the machine takes "
                "over is a soldier we can train for something else.”"
            ),
            (
                "The upgrade is part of a wider modernization package for the tracked howitzer "
                "fleet, which also includes a new driver's display and better air conditioning for "
                "crews. Remaining battalions are scheduled to receive the package through 2028, "
                "subject to annual budget approval."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: the silhouette of a self-propelled gun with its long "
                "barrel raised, set against layered mountain ridges."
            ),
            "caption": (
                "Tracked howitzers are receiving the new loader as part of a broader modernization "
                "package."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 8.0,
    },
    {
        "headline": (
            "Reservist training to shift toward simulators and shorter, more frequent camps"
        ),
        "slug": "reservist-training-shifts-to-simulators-and-shorter-camps",
        "section": "land-forces",
        "tags": ["training"],
        "contributors": ["choi-eun-ji"],
        "summary": (
            "A draft plan would replace some multi-day camps with one-day sessions at regional "
            "simulation centres, a change officials hope will improve attendance."
        ),
        "paragraphs": [
            (
                "The Ministry of National Defense plans to overhaul training for reservists, "
                "trading some of the traditional multi-day camps for shorter sessions at regional "
                "simulation centres. Under a draft presented to lawmakers this week, reservists in "
                "their first four years after discharge would attend two one-day sessions a year "
                "instead of a single longer camp."
            ),
            (
                "Officials say the change is meant to keep skills fresher and make attendance "
                "easier for people with jobs and families. Absentee rates at some camps have "
                "climbed in recent years, a ministry official said at a briefing, and employers "
                "have complained about losing staff for several days at a time."
            ),
            (
                "The simulation centres combine indoor ranges with laser-equipped rifles, driving "
                "simulators and virtual tactical scenarios played out on large screens. Four "
                "centres already operate in major cities, and the ministry wants to open six more "
                "by the end of 2027."
            ),
            (
                "Not everyone is convinced. A retired brigade commander, writing in a veterans' "
                "association newsletter, argued that no simulator can reproduce the experience of "
                "hauling equipment over hills in freezing rain. The ministry says field exercises "
                "will remain mandatory for units with wartime mobilization roles."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a tank silhouette on flat ground in front of layered "
                "mountain ridges under a soft gradient sky."
            ),
            "caption": (
                "Reservists would spend more time in regional simulation centres under the draft "
                "plan."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 29.0,
    },
    {
        "headline": "Army tests tethered drones as persistent spotters for artillery units",
        "slug": "army-tests-tethered-drones-for-artillery-spotting",
        "section": "land-forces",
        "tags": ["drones", "artillery"],
        "contributors": ["choi-eun-ji"],
        "summary": (
            "Powered through a cable from a light truck, the drones can stay aloft for hours and "
            "relay target data to firing batteries without relying on a radio link."
        ),
        "paragraphs": [
            (
                "Artillery units are experimenting with tethered drones that can hover above a "
                "position for hours, feeding video and target coordinates to firing batteries. The "
                "trials, held at a training area in Gangwon Province, used drones connected by a "
                "combined power and data cable to a light truck."
            ),
            (
                "Because the drone draws power from the vehicle, it is not limited by battery "
                "life, and the cable makes its data link far harder to jam. The trade-off is "
                "reach: the drone can climb to roughly 100 metres but cannot wander far from the "
                "truck that feeds it."
            ),
            (
                "A trials officer said the drones were most useful for watching a valley or a "
                "river crossing over a long period. “It is like putting an observation post on a "
                "very tall pole that you can drive somewhere else,” the officer said."
            ),
            (
                "The Army has not decided whether to buy the system. An evaluation report due next "
                "spring will compare the tethered drones with free-flying models and with "
                "traditional forward observers on the ground."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a drone silhouette hovering above mountain ridges, with "
                "layered hills fading into a hazy sky."
            ),
            "caption": "Tethered drones can stay in the air for hours without changing batteries.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 60.0,
    },
    {
        "headline": "Active protection upgrade for main battle tanks wins procurement approval",
        "slug": "tank-fleet-active-protection-upgrade-approved",
        "section": "land-forces",
        "tags": ["armor", "procurement"],
        "contributors": ["choi-eun-ji", "han-seo-yeon"],
        "summary": (
            "The system uses small radars and launchers to defeat incoming anti-tank rockets, a "
            "capability planners now consider essential as guided weapons and attack drones "
            "spread."
        ),
        "paragraphs": [
            (
                "The Defense Acquisition Program Administration has approved a program to fit "
                "active protection systems to part of the Army's main battle tank fleet. The "
                "decision, taken at a program committee meeting on Friday, covers an initial batch "
                "of vehicles, with a decision on the rest expected in about two years."
            ),
            (
                "Active protection systems use small radars to detect incoming rockets and "
                "missiles, then fire countermeasures to destroy or deflect them before impact. "
                "Armies have moved quickly to adopt the technology since recent wars showed how "
                "exposed armored vehicles are to guided weapons and explosive-laden drones."
            ),
            (
                "The system will be built by Hanbit Defense Systems, a domestic firm, around a "
                "radar developed with a state research institute. The company said it expected to "
                "begin deliveries within three years of signing a production contract."
            ),
            (
                "The equipment adds weight and draws electrical power, and engineers still have to "
                "confirm that the tank's engine and suspension can absorb the change. Program "
                "officials said early tests were encouraging but that crews would need new "
                "training to work alongside the system's automatic responses."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: the side silhouette of a battle tank with its gun forward, "
                "set against layered mountain ridges."
            ),
            "caption": "An initial batch of tanks will be fitted with active protection systems.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 101.9,
    },
    {
        "headline": "Army merges two frontline divisions as the pool of conscripts keeps shrinking",
        "slug": "army-merges-divisions-as-conscript-numbers-fall",
        "section": "land-forces",
        "tags": ["budget", "training"],
        "contributors": ["mira-lindqvist"],
        "summary": (
            "The restructuring is the latest sign that demographic decline is reshaping the "
            "country's ground forces faster than planners once expected."
        ),
        "paragraphs": [
            (
                "The Army will merge two infantry divisions in the north-east into a single, "
                "larger formation next year, the defense ministry confirmed on Monday. The move is "
                "the latest in a series of consolidations driven by a steep fall in the number of "
                "young men reaching conscription age."
            ),
            (
                "Officials said the merged division would cover the same stretch of front with "
                "more surveillance equipment and fewer soldiers on fixed guard posts. The ministry "
                "did not give a figure for the reduction in personnel but said no bases would "
                "close in the first year."
            ),
            (
                "The country's birth rate has been among the lowest in the world for more than a "
                "decade, and the effect is now arriving at the barracks gate. Planners have "
                "responded by trimming some duties, raising the share of professional "
                "non-commissioned officers and buying equipment that needs smaller crews."
            ),
            (
                "Officials in the affected counties have raised concerns about towns that depend "
                "on soldiers' spending. The ministry said it would consult local governments on "
                "how to use any facilities that become vacant."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a tank silhouette crossing the foreground beneath several "
                "layers of mountain ridges."
            ),
            "caption": "The merged division will lean more heavily on surveillance equipment.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 142.8,
    },
    {
        "headline": "Winter logistics drill tests fuel and ration supply along icy mountain roads",
        "slug": "winter-logistics-drill-tests-fuel-supply-in-mountains",
        "section": "land-forces",
        "tags": ["logistics", "training"],
        "contributors": ["choi-eun-ji"],
        "summary": (
            "Supply battalions spent four days moving fuel, food and spare parts over frozen "
            "roads, exposing bottlenecks in refuelling and cold-weather storage."
        ),
        "paragraphs": [
            (
                "Army supply units spent four days moving fuel, food and spare parts to forward "
                "positions in Gangwon Province this week, in an exercise designed to test "
                "logistics in harsh winter conditions. Temperatures at some sites dropped below "
                "minus 15 degrees Celsius at night."
            ),
            (
                "The drill exposed several bottlenecks, according to a summary released by the "
                "logistics command. Fuel trucks queued for hours at a single refuelling point "
                "after a second one was declared unreachable because of ice, and batteries for "
                "radios and night-vision devices drained faster than expected."
            ),
            (
                "Commanders said finding such problems was the point. “We would rather discover "
                "the weak link on a training road than on a real one,” said Col. Nam Gi-tae, who "
                "led the supply convoy. The command plans to test heated storage containers and "
                "extra mobile refuelling units in a follow-up drill in February."
            ),
            (
                "Military logisticians have long argued that supply, not firepower, sets the pace "
                "of operations in mountainous terrain. The exercise is one of several the Army has "
                "run since last year to rehearse keeping units going when snow or damaged roads "
                "cut them off."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a tank silhouette in the foreground with pale mountain "
                "ridges stretching away behind it."
            ),
            "caption": (
                "Supply units moved fuel and rations over icy mountain roads during the four-day "
                "exercise."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 185.7,
    },
    {
        "headline": "Korean and US Army engineers rehearse a rapid river crossing on the Imjin",
        "slug": "combined-engineers-rehearse-river-crossing-on-the-imjin",
        "section": "land-forces",
        "tags": ["alliance", "training"],
        "contributors": ["choi-eun-ji"],
        "summary": (
            "The combined exercise put floating bridge sections across the river in under an hour, "
            "though organizers said smoke and simulated drone surveillance complicated the drill."
        ),
        "paragraphs": [
            (
                "Army and US Army engineers built a floating bridge across the Imjin River on "
                "Thursday in a combined exercise that simulated a crossing under enemy "
                "observation. Bridge sections were launched from trucks, joined in the water and "
                "anchored to both banks in under an hour, according to the organizers."
            ),
            (
                "This year's scenario added smoke screens and simulated drone surveillance, "
                "forcing units to move in smaller groups and vary their timing. Engineers from "
                "both armies said the changes slowed the crossing but made it more realistic."
            ),
            (
                "River crossings are among the most complex operations a ground force can attempt, "
                "requiring engineers, air defense, artillery and traffic control to work in tight "
                "coordination. The Imjin, which runs close to the inter-Korean border, has hosted "
                "such drills for decades."
            ),
            (
                "A US Army officer involved in the exercise said combined training helped each "
                "side understand the other's equipment and habits. The two armies plan a larger "
                "crossing involving armored vehicles later in the year."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a tank silhouette on a riverbank in the foreground beneath "
                "layered mountain ridges."
            ),
            "caption": (
                "Engineers from both armies assembled a floating bridge across the Imjin River."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 227.0,
    },
    {
        "headline": "Army orders wheeled armored mortar carriers to replace aging tracked models",
        "slug": "wheeled-armored-mortar-carriers-ordered",
        "section": "land-forces",
        "tags": ["armor", "procurement"],
        "contributors": ["han-seo-yeon"],
        "summary": (
            "The contract covers an initial batch of eight-wheeled vehicles fitted with a 120 mm "
            "mortar that can fire within about a minute of stopping."
        ),
        "paragraphs": [
            (
                "The Defense Acquisition Program Administration has signed a contract for wheeled "
                "armored vehicles armed with 120 mm mortars, which will replace tracked mortar "
                "carriers that entered service in the 1990s. The agency did not disclose the "
                "number of vehicles but said the first batch would equip several battalions."
            ),
            (
                "The new vehicles carry the mortar inside a roofed hull and can fire within about "
                "a minute of halting, then drive off before counter-battery fire arrives. Crews in "
                "the older carriers must open roof hatches and lay the weapon by hand, exposing "
                "themselves for much longer."
            ),
            (
                "The vehicles share a chassis with the Army's wheeled infantry carriers, which "
                "program officials said would simplify maintenance and training. Deliveries are "
                "due to begin in 2027."
            ),
            (
                "Wheeled vehicles have grown popular with many armies because they are faster on "
                "roads and cheaper to run than tracked ones. Critics note that they struggle more "
                "in mud and on steep slopes, a real consideration in the country's mountainous "
                "north."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: the silhouette of a self-propelled gun with its barrel "
                "raised, in front of layered mountain ridges."
            ),
            "caption": (
                "The new mortar carriers share a chassis with the Army's wheeled infantry vehicles."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 262.1,
    },
    {
        "headline": (
            "Infantry units to receive new night-vision goggles, but battery life draws complaints"
        ),
        "slug": "soldiers-to-receive-new-night-vision-goggles",
        "section": "land-forces",
        "tags": ["procurement", "training"],
        "contributors": ["choi-eun-ji"],
        "summary": (
            "The binocular goggles offer a wider field of view than the models they replace, yet "
            "soldiers in early units report swapping batteries in the middle of patrols."
        ),
        "paragraphs": [
            (
                "The Army will begin handing out new binocular night-vision goggles to infantry "
                "squads next month, starting with about 3,000 sets for frontline divisions. The "
                "goggles replace single-tube monocular devices that many soldiers have carried for "
                "more than 15 years."
            ),
            (
                "Binocular goggles give users depth perception, which makes it easier to walk over "
                "broken ground and handle weapons in the dark. The new model also has a wider "
                "field of view and fits the Army's current helmets without adapters."
            ),
            (
                "Units that received early samples during trials last year reported that the "
                "batteries often ran low before the end of a night patrol. One platoon leader said "
                "his soldiers had taken to keeping spare batteries in inside pockets to stop the "
                "cold from draining them."
            ),
            (
                "The Army said the supplier would provide an external battery pack that mounts on "
                "the back of the helmet and roughly doubles run time. It also plans to review "
                "battery performance after the goggles' first winter in service."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a tank silhouette in the foreground under a darkening "
                "gradient sky above layered mountain ridges."
            ),
            "caption": "The new goggles will go first to frontline infantry squads.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 303.1,
        "correction": (
            "An earlier version of this article overstated the size of the first delivery; it is "
            "about 3,000 sets of goggles, not 30,000."
        ),
    },
    {
        "headline": (
            "Rocket artillery crews rehearse rapid reloads as the Army rethinks survivability"
        ),
        "slug": "rocket-artillery-units-rehearse-rapid-reload-drills",
        "section": "land-forces",
        "tags": ["artillery", "north-korea"],
        "contributors": ["choi-eun-ji"],
        "summary": (
            "Crews practised firing, moving and reloading from hidden sites, part of a wider push "
            "to cut the time launchers spend exposed on the battlefield."
        ),
        "paragraphs": [
            (
                "Multiple rocket launcher crews practised a “shoot, move and reload” cycle at a "
                "training range this week, firing from one position, driving to a concealed reload "
                "site and then heading to a fresh firing point. Commanders said the aim was to "
                "keep each launcher in the open for as little time as possible."
            ),
            (
                "The drill reflects a growing worry that artillery positions can be found quickly "
                "by drones and counter-battery radar. Each crew was timed from the moment it "
                "stopped to fire until it was back under cover."
            ),
            (
                "Rocket units are a central part of the Army's plans for answering long-range "
                "artillery deployed north of the border. Officers said crews had cut their average "
                "reload time by about a fifth since the previous exercise."
            ),
            (
                "Further drills will test reloading at night and in heavy rain, and the Army is "
                "also evaluating camouflage nets that reduce a vehicle's heat signature. The "
                "results will feed into a revised training manual due next year."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: the silhouette of a self-propelled gun with its barrel "
                "elevated in front of layered mountain ridges."
            ),
            "caption": (
                "Rocket artillery crews practised moving quickly between firing positions and "
                "reload sites."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 346.4,
    },
    {
        "headline": (
            "Four-legged robot mule tried out for resupplying outposts on steep mountain trails"
        ),
        "slug": "robot-mule-trials-for-mountain-resupply",
        "section": "land-forces",
        "tags": ["logistics", "drones"],
        "contributors": ["choi-eun-ji", "yoon-min-jae"],
        "summary": (
            "The robot carried 40 kilograms of supplies up a ridge line during trials, but "
            "operators said it struggled on loose rock and in deep snow."
        ),
        "paragraphs": [
            (
                "A four-legged robot designed to carry supplies over rough ground has completed a "
                "month of trials with a mountain infantry brigade, the Army said. The robot, built "
                "by Geumgang Robotics, carried loads of up to 40 kilograms along trails too narrow "
                "for vehicles."
            ),
            (
                "Soldiers at high outposts currently rely on small tracked carriers, helicopters "
                "or their own backs to move food, water and ammunition. Trial officers estimated "
                "that the robot could save a squad several hours of carrying each week."
            ),
            (
                "The machine struggled on loose rock and in snow deeper than about 30 centimetres, "
                "and it needed frequent battery changes in the cold. Operators also found its "
                "motors louder than expected, a drawback for units that rely on staying hidden."
            ),
            (
                "The Army said it would share the findings with the company and consider a second "
                "round of trials with a modified design. No purchase decision is expected before "
                "2026."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a hovering drone silhouette above a steep line of mountain "
                "ridges."
            ),
            "caption": "The robot carried supplies on trails too narrow for vehicles.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 383.9,
    },
    {
        "headline": "Tactical radio rollout delayed again over encryption software problems",
        "slug": "tactical-radio-rollout-delayed-by-encryption-software-issues",
        "section": "land-forces",
        "tags": ["cyber", "procurement"],
        "contributors": ["yoon-min-jae"],
        "summary": (
            "Testers found that the radios' encryption module dropped connections when switching "
            "networks, pushing full fielding back by at least a year."
        ),
        "paragraphs": [
            (
                "The Army's rollout of a new family of software-defined tactical radios has "
                "slipped by at least a year after testers found problems with the encryption "
                "software, officials told a parliamentary committee on Wednesday. The radios are "
                "meant to replace sets that infantry and vehicle crews have used for more than two "
                "decades."
            ),
            (
                "According to the testimony, the radios sometimes dropped connections when "
                "switching between networks, and loading new encryption keys in the field took "
                "longer than the requirement allowed. Both faults were traced to the encryption "
                "module rather than the radio hardware."
            ),
            (
                "The program has been delayed several times, and lawmakers asked whether its "
                "requirements had ever been realistic. A procurement official conceded that the "
                "agency had underestimated how long it takes to certify security software for "
                "military use."
            ),
            (
                "Units that already have the radios will keep using them for training, but not on "
                "operational networks, until a fix is certified. The supplier says it expects to "
                "deliver an update within six months."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a tank silhouette with a whip antenna in the foreground, "
                "set against layered mountain ridges."
            ),
            "caption": (
                "Units that already have the new radios will use them only for training until a "
                "fix is certified."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 426.6,
    },
    {
        "headline": "Special warfare units adopt lighter body armor after a year of field testing",
        "slug": "special-warfare-units-adopt-lighter-body-armor",
        "section": "land-forces",
        "tags": ["armor", "procurement"],
        "contributors": ["choi-eun-ji"],
        "summary": (
            "The new plates are about a quarter lighter than the current issue, though they cost "
            "nearly twice as much per set."
        ),
        "paragraphs": [
            (
                "The Army's special warfare command is switching to lighter body armor plates "
                "after a year of field testing, the command said. The new plates, made from a "
                "polyethylene composite, weigh roughly a quarter less than the ceramic plates "
                "currently issued."
            ),
            (
                "Lighter armor lets soldiers carry more ammunition and water, or simply move "
                "faster and tire less on long marches. Testers said the difference was most "
                "noticeable on mountain patrols lasting more than a day."
            ),
            (
                "The plates cost almost twice as much as the current issue, and their rating "
                "against some rifle rounds differs slightly. The command said they met its "
                "requirements for the threats its units were most likely to face."
            ),
            (
                "Regular infantry units will keep the existing plates for now. The ministry said "
                "it would decide on wider adoption after reviewing costs and the production "
                "capacity of domestic suppliers."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a tank silhouette crossing flat ground before layered "
                "mountain ridges."
            ),
            "caption": "The new plates are made from a polyethylene composite rather than ceramic.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 466.4,
    },
    {
        "headline": (
            "Analysis: What the DMZ's guard posts reveal about the future of border surveillance"
        ),
        "slug": "analysis-what-the-dmz-guard-posts-reveal-about-border-surveillance",
        "section": "land-forces",
        "tags": ["north-korea", "drones"],
        "contributors": ["mira-lindqvist"],
        "summary": (
            "Cameras, sensors and drones are steadily taking over work once done by soldiers in "
            "fixed posts, raising questions about cost, reliability and escalation."
        ),
        "paragraphs": [
            (
                "For decades, the southern side of the Demilitarized Zone has been watched by "
                "soldiers in fixed guard posts, scanning the hills through binoculars in shifts. "
                "That picture is changing. Over the past five years cameras, ground sensors and "
                "small drones have taken over a growing share of the work, and the trend is set to "
                "speed up."
            ),
            (
                "The driver is partly demographic: there are simply fewer conscripts to staff the "
                "posts. But technology also offers coverage that people cannot match, including "
                "thermal imaging at night and automatic alerts when something crosses a sensor "
                "line."
            ),
            (
                "The shift has costs. Surveillance networks need power, maintenance and secure "
                "communications, and a failed camera can leave a gap that nobody notices for "
                "hours. In several past incidents along the border, alarms were missed not because "
                "sensors failed but because operators were swamped with false alerts."
            ),
            (
                "There is also the question of escalation. Drones flying close to the line can be "
                "mistaken for incursions, and both sides have accused each other of provocations "
                "involving unmanned aircraft. Clear rules on where and how drones may operate will "
                "matter as much as the hardware."
            ),
            (
                "None of this means the soldier in the guard post is about to disappear. But the "
                "job is moving from watching the hills to managing the machines that watch them, "
                "and training, staffing and procurement will have to catch up."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a drone silhouette hovering over a line of dark mountain "
                "ridges."
            ),
            "caption": (
                "Surveillance along the DMZ increasingly relies on cameras, ground sensors and "
                "drones."
            ),
            "credit": "Illustration: Tomás Reyes",
        },
        "kind": "scheduled",
        "age_hours": -20.0,
    },
    {
        "headline": "Army aviation command weighs merging its helicopter maintenance depots",
        "slug": "army-aviation-to-consolidate-helicopter-maintenance-depots",
        "section": "land-forces",
        "tags": ["logistics"],
        "contributors": ["choi-eun-ji"],
        "summary": (
            "A proposal under review would fold three regional depots into two, a move officials "
            "say would ease a shortage of skilled technicians."
        ),
        "paragraphs": [
            (
                "The Army aviation command is considering merging three regional helicopter "
                "maintenance depots into two, according to a planning document reviewed by "
                "Newsdesk. The proposal aims to concentrate a limited pool of skilled technicians "
                "and cut the time helicopters spend waiting for parts."
            ),
            (
                "Maintenance backlogs have kept a noticeable share of the Army's utility and "
                "attack helicopters grounded in recent years, officials have acknowledged. "
                "Technicians experienced with engines and rotor systems are in demand at civilian "
                "airlines, which often pay more."
            ),
            (
                "Under the plan, the depot that closes would become a forward repair site for "
                "quick fixes, with major overhauls moved elsewhere. The command has not set a "
                "timeline and says no decision will be made before it consults the unions "
                "representing civilian staff."
            ),
            (
                "A spokesperson for the aviation command declined to comment on the document but "
                "said the command reviews its maintenance structure regularly. [Desk note: we "
                "still need a second source on which depot closes.]"
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a tank silhouette in front of layered mountain ridges "
                "under a pale gradient sky."
            ),
            "caption": "Maintenance backlogs have kept some Army helicopters on the ground.",
            "credit": "Newsdesk graphic",
        },
        "kind": "draft",
        "age_hours": 0.0,
    },
    {
        "headline": (
            "KF-21 prototype completes first separation test with a long-range air-to-air missile"
        ),
        "slug": "kf-21-prototype-completes-air-to-air-missile-separation-test",
        "section": "air-space",
        "tags": ["kf-21"],
        "contributors": ["daniel-okafor"],
        "summary": (
            "The test, flown over the Yellow Sea, checked that the missile drops cleanly away from "
            "the jet before its motor would ignite."
        ),
        "paragraphs": [
            (
                "A KF-21 prototype released an inert long-range air-to-air missile over the Yellow "
                "Sea on Monday in what program officials called a key step in weapons integration. "
                "The test confirmed that the missile fell cleanly away from the aircraft's "
                "semi-recessed fuselage station without touching the airframe."
            ),
            (
                "Separation tests are among the riskier parts of adding a new weapon, because the "
                "airflow around a fast jet can push a released store back toward the aircraft. "
                "Engineers recorded the missile's path with high-speed cameras on a chase plane "
                "and on the prototype itself."
            ),
            (
                "The program office said live-fire shots, in which the missile's motor ignites and "
                "it guides toward a target drone, would follow later in the year. More separation "
                "tests at higher speeds and different altitudes are also planned."
            ),
            (
                "Weapons integration is one of the last major hurdles before production aircraft "
                "reach the Air Force, which plans to use the KF-21 to replace older fighters. "
                "Officials said test pilots had been flying the prototypes several times a week "
                "since the start of the year."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a fighter jet silhouette banking across a gradient sky, "
                "trailing faint contrails."
            ),
            "caption": (
                "The inert missile separated cleanly from the prototype's fuselage station, "
                "program officials said."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 1.8,
    },
    {
        "headline": (
            "Small-satellite startup wins contract to demonstrate a 72-hour launch turnaround"
        ),
        "slug": "small-satellite-startup-wins-rapid-launch-demonstration-contract",
        "section": "air-space",
        "tags": ["space", "procurement"],
        "contributors": ["yoon-min-jae"],
        "summary": (
            "Haneul Orbital must show it can prepare and launch a small reconnaissance satellite "
            "within three days of receiving an order."
        ),
        "paragraphs": [
            (
                "Haneul Orbital, a four-year-old startup based in Daejeon, has won a defense "
                "contract to demonstrate that it can build, prepare and launch a small satellite "
                "within 72 hours of receiving an order. The company will use a solid-fuel rocket "
                "it has been developing with a state research institute."
            ),
            (
                "Military planners are interested in so-called responsive launch because "
                "satellites could be damaged or jammed in a conflict. Being able to replace them "
                "quickly, or add coverage over a particular area at short notice, would make the "
                "whole network harder to disrupt."
            ),
            (
                "The demonstration is scheduled for late next year. The company's chief executive, "
                "Bae Soo-kyung, said the hardest part was not the rocket but the paperwork, range "
                "safety checks and satellite testing that normally stretch over weeks."
            ),
            (
                "The contract is small, but industry observers said it signaled a new willingness "
                "by the defense ministry to work with young firms. Several other startups are "
                "developing satellites and launchers with possible military uses."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a satellite silhouette with solar panels drifting above "
                "the curve of a planet under a starry sky."
            ),
            "caption": (
                "Responsive launch would let the military replace lost satellites quickly in a "
                "crisis."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 11.5,
    },
    {
        "headline": (
            "Air Force raises pilot retention bonuses as airlines recruit experienced aviators"
        ),
        "slug": "air-force-raises-pilot-retention-bonuses",
        "section": "air-space",
        "tags": ["training", "budget"],
        "contributors": ["daniel-okafor"],
        "summary": (
            "Fighter pilots who extend their service will receive larger annual payments under a "
            "plan meant to slow departures to commercial carriers."
        ),
        "paragraphs": [
            (
                "The Air Force will increase bonuses for experienced pilots who agree to extend "
                "their service, the defense ministry said on Thursday. The change comes as "
                "domestic and foreign airlines expand their fleets and recruit military pilots in "
                "growing numbers."
            ),
            (
                "Under the new scheme, fighter pilots who extend their commitment by five years "
                "will receive a larger annual payment, with the highest amounts going to "
                "instructors and flight leads. The ministry did not publish figures but said the "
                "increase was the largest in more than a decade."
            ),
            (
                "Training a fighter pilot takes years and costs far more than any bonus, officials "
                "said, which makes retention one of the cheapest ways to protect readiness. Losing "
                "flight leads and instructors also slows the training of the next generation."
            ),
            (
                "The Air Force is also considering non-financial measures, such as more "
                "predictable postings and less paperwork for flying personnel. A pilots' "
                "association welcomed the increase but said quality-of-life issues mattered just "
                "as much as money."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a fighter jet silhouette climbing through a gradient sky "
                "with thin contrails behind it."
            ),
            "caption": "Airlines have been hiring military pilots in growing numbers.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 36.0,
    },
    {
        "headline": (
            "Upper-tier missile interceptor enters final evaluation ahead of a production decision"
        ),
        "slug": "upper-tier-interceptor-enters-final-evaluation",
        "section": "air-space",
        "tags": ["missile-defense", "procurement"],
        "contributors": ["daniel-okafor", "mira-lindqvist"],
        "summary": (
            "The domestically developed interceptor is meant to engage ballistic missiles at "
            "higher altitudes, adding a layer above the existing defenses."
        ),
        "paragraphs": [
            (
                "A domestically developed interceptor designed to destroy ballistic missiles at "
                "high altitude has entered its final round of operational evaluation, the Agency "
                "for Defense Development said. A successful evaluation would clear the way for a "
                "production decision next year."
            ),
            (
                "The interceptor is meant to sit above the existing lower-tier defenses and engage "
                "incoming missiles earlier in their descent. Planners say layering gives defenders "
                "more than one chance at each missile and makes the overall system harder to "
                "overwhelm."
            ),
            (
                "The evaluation will include intercepts against target missiles as well as trials "
                "of the system's radar and command network. An agency official said the tests "
                "would run over several months at a range on the west coast."
            ),
            (
                "Missile defense has become central to the country's military planning as the "
                "North keeps testing new missiles. Critics argue that interceptors cost far more "
                "than the missiles they are meant to stop, and that no system can promise to catch "
                "every incoming weapon."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a radar dish silhouette on a hill sending curved signal "
                "arcs into a gradient sky."
            ),
            "caption": (
                "The interceptor is intended to add a higher layer to existing missile defenses."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 73.2,
    },
    {
        "headline": (
            "Air Force stands up its first squadron of medium-altitude reconnaissance drones"
        ),
        "slug": "air-force-stands-up-medium-altitude-drone-squadron",
        "section": "air-space",
        "tags": ["drones"],
        "contributors": ["daniel-okafor"],
        "summary": (
            "The squadron will operate long-endurance drones from an inland base, freeing crewed "
            "aircraft for other missions."
        ),
        "paragraphs": [
            (
                "The Air Force has activated its first squadron dedicated to medium-altitude, "
                "long-endurance reconnaissance drones. The unit, based at an inland airfield, will "
                "fly drones that can stay airborne for more than 24 hours carrying cameras and "
                "radar."
            ),
            (
                "Officials said the squadron would take over some surveillance tasks now handled "
                "by crewed aircraft, letting those aircraft focus on missions that need a pilot on "
                "board. Drone crews will fly from ground control stations at the base."
            ),
            (
                "Recruiting and keeping drone operators has been a challenge for many air forces, "
                "since the work can be repetitive and lacks the prestige of flying. The Air Force "
                "said it would create a dedicated career track for operators rather than treating "
                "the role as a temporary posting."
            ),
            (
                "The squadron is expected to reach full operating capability within two years, "
                "with further drones delivered in batches over that period. Officials did not say "
                "how many aircraft the unit would eventually operate."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a long-winged drone silhouette gliding across a pale "
                "gradient sky."
            ),
            "caption": "The new squadron's drones can stay airborne for more than a day at a time.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 110.2,
    },
    {
        "headline": (
            "Combined air exercise with US squadrons tests large strike packages over two weeks"
        ),
        "slug": "combined-air-exercise-tests-large-force-packages",
        "section": "air-space",
        "tags": ["alliance", "training"],
        "contributors": ["daniel-okafor"],
        "summary": (
            "More than 100 aircraft took part, practising missions that combine fighters, tankers, "
            "electronic-warfare jets and airborne early warning aircraft."
        ),
        "paragraphs": [
            (
                "Air forces from South Korea and the United States completed a two-week combined "
                "exercise on Friday involving more than 100 aircraft flying from bases across the "
                "country. The drills focused on assembling large packages of fighters, tankers, "
                "electronic-warfare aircraft and airborne early warning jets for complex missions."
            ),
            (
                "Planners rotated the mission commander role between Korean and US officers, and "
                "crews flew together against a simulated adversary that included ground-based air "
                "defenses. Each day ended with long debriefs built on data recorded by the "
                "aircraft themselves."
            ),
            (
                "Officers said this year's exercise put particular emphasis on operating with "
                "degraded communications. Several missions were flown with deliberate disruptions "
                "to data links, forcing crews to fall back on simpler procedures."
            ),
            (
                "North Korean state media described the drills as rehearsals for an attack, a "
                "charge both allies rejected. The exercise is held regularly and is described by "
                "both governments as defensive."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a fighter jet silhouette crossing a wide gradient sky with "
                "faint contrails."
            ),
            "caption": "Crews practised assembling large mixed formations of aircraft.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 150.8,
    },
    {
        "headline": "Air base crews race to patch a cratered runway in a rapid repair drill",
        "slug": "airbase-runway-repair-drill-races-the-clock",
        "section": "air-space",
        "tags": ["logistics", "training"],
        "contributors": ["daniel-okafor"],
        "summary": (
            "Engineers filled simulated bomb craters and restored a minimum operating strip in "
            "just over four hours, beating their previous time."
        ),
        "paragraphs": [
            (
                "Engineering crews at an air base in the south-west repaired a runway marked with "
                "simulated bomb craters in just over four hours during a drill this week, the Air "
                "Force said. The goal was to restore a strip long enough for fighters to take off "
                "and land as soon as possible after an attack."
            ),
            (
                "Crews used excavators to clear debris, filled the craters with rapid-setting "
                "material and covered them with fibre-reinforced mats. Inspectors then walked the "
                "surface looking for loose fragments that could be sucked into jet engines."
            ),
            (
                "Air bases are obvious targets in any conflict, and the ability to recover quickly "
                "is seen as vital. An Air Force engineer said the crews had clearly improved, but "
                "warned that repeated attacks over several days would test people and equipment "
                "much harder."
            ),
            (
                "The Air Force plans to buy more repair kits and train reserve units to support "
                "active-duty engineers. Similar drills will be held at other bases over the coming "
                "year."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a fighter jet silhouette low over the horizon beneath a "
                "gradient sky."
            ),
            "caption": (
                "Engineers used rapid-setting fill and fibre-reinforced mats to patch the craters."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 191.7,
    },
    {
        "headline": "First batch of light attack trainers delivered to a Southeast Asian air force",
        "slug": "first-light-attack-trainers-delivered-to-southeast-asian-air-force",
        "section": "air-space",
        "tags": ["exports"],
        "contributors": ["han-seo-yeon"],
        "summary": (
            "Daehan Aerospace handed over the first four jets of an order signed two years ago, "
            "with the rest due by the end of next year."
        ),
        "paragraphs": [
            (
                "Daehan Aerospace has delivered the first four light attack trainer jets to a "
                "Southeast Asian air force, the company said on Wednesday. The customer's own "
                "pilots flew the aircraft home on a multi-stop ferry flight after a handover "
                "ceremony at the company's plant in Sacheon."
            ),
            (
                "The jets will be used to train future fighter pilots and to fly light attack "
                "missions. The customer's pilots and maintenance crews spent several months in "
                "Korea learning to fly and service the aircraft before the handover."
            ),
            (
                "The remaining aircraft are due by the end of next year. Daehan Aerospace said it "
                "would station a team of technicians at the customer's main base to support the "
                "fleet through its first years in service."
            ),
            (
                "Trainer jets have been one of the country's most successful aerospace exports, "
                "and the company is courting buyers in Asia, the Middle East and Latin America. "
                "Competition is intense, with manufacturers from Europe, China and elsewhere "
                "offering similar aircraft."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a jet silhouette heading toward the horizon across a "
                "gradient sky."
            ),
            "caption": "The customer's pilots flew the jets home after a handover ceremony.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 234.9,
    },
    {
        "headline": (
            "Military reconnaissance satellite reaches orbit, the fourth in a planned constellation"
        ),
        "slug": "military-reconnaissance-satellite-reaches-orbit",
        "section": "air-space",
        "tags": ["space", "north-korea"],
        "contributors": ["yoon-min-jae"],
        "summary": (
            "The radar-imaging satellite can see through cloud and darkness, filling gaps left by "
            "optical satellites during the monsoon season."
        ),
        "paragraphs": [
            (
                "A military reconnaissance satellite carrying a synthetic aperture radar reached "
                "orbit on Saturday after lifting off from an overseas launch site, the defense "
                "ministry said. It is the fourth satellite in a planned constellation meant to "
                "give the military its own imagery of the Korean Peninsula."
            ),
            (
                "Radar satellites can produce images through cloud and at night, which is "
                "especially valuable during the summer monsoon, when optical satellites often see "
                "little. Officials said the new satellite would begin regular work after several "
                "weeks of checks."
            ),
            (
                "Once complete, the constellation is meant to revisit key sites in the North every "
                "few hours, reducing reliance on imagery shared by allies. Analysts said the "
                "country would still depend on partners for some data, particularly early warning "
                "of missile launches."
            ),
            (
                "The ministry has said it wants to launch more of its satellites from home soil in "
                "future, reducing dependence on foreign launch providers. A domestic rocket able "
                "to carry a satellite of this size is still in development."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a satellite silhouette with outstretched solar panels "
                "above the curved edge of a planet, among scattered stars."
            ),
            "caption": "Radar satellites can image the ground through cloud and at night.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 277.2,
    },
    {
        "headline": (
            "Air Force builds a ground telescope network to track satellites and debris in orbit"
        ),
        "slug": "optical-telescope-network-to-track-objects-in-orbit",
        "section": "air-space",
        "tags": ["space"],
        "contributors": ["yoon-min-jae"],
        "summary": (
            "Three optical sites will monitor objects passing over the peninsula, part of a push "
            "to understand what is happening in space."
        ),
        "paragraphs": [
            (
                "The Air Force is building a network of three ground-based optical telescopes to "
                "track satellites and debris passing over the Korean Peninsula, according to "
                "budget documents. The first site, on a mountain in the south, is expected to "
                "start operating next year."
            ),
            (
                "Knowing what is in orbit, and where it is heading, has become a priority as more "
                "countries launch satellites with possible military uses. The telescopes will feed "
                "a space operations centre that also receives data from allied tracking networks."
            ),
            (
                "Optical telescopes work best on clear nights, so the sites were picked partly for "
                "their weather records. The Air Force is also studying a tracking radar that could "
                "follow objects in low orbit regardless of weather, though no money has been set "
                "aside for it."
            ),
            (
                "Officials said the network would also help civilian agencies, for example by "
                "warning satellite operators about possible collisions. Data on debris will be "
                "shared with the national space agency."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a satellite silhouette crossing a starry sky above the "
                "curved edge of a planet."
            ),
            "caption": "The telescope sites were chosen partly for their clear-weather records.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 314.4,
    },
    {
        "headline": "Air Force shortlists two bidders for additional airborne early warning jets",
        "slug": "air-force-shortlists-two-bidders-for-additional-early-warning-jets",
        "section": "air-space",
        "tags": ["procurement", "alliance"],
        "contributors": ["daniel-okafor"],
        "summary": (
            "The competition will add aircraft to a small fleet that has struggled to keep more "
            "than one jet on station at a time."
        ),
        "paragraphs": [
            (
                "The Air Force has shortlisted two bidders to supply additional airborne early "
                "warning and control aircraft, the acquisition agency said. A winner is expected "
                "next year, with deliveries starting later in the decade."
            ),
            (
                "Early warning aircraft carry large radars that can spot aircraft, drones and "
                "cruise missiles at long range, and they double as flying command posts. The "
                "current fleet is small, and maintenance means only part of it is available at any "
                "given time."
            ),
            (
                "Both bids pair a foreign aircraft with a foreign radar, with differing amounts of "
                "work promised to domestic companies. The agency said local industrial "
                "participation and long-term support costs would carry heavy weight in the "
                "evaluation."
            ),
            (
                "The choice also has an alliance dimension, since one bidder is American and the "
                "other European. Officials said compatibility with US forces would be one "
                "criterion but would not decide the outcome on its own."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a large jet silhouette flying level across a gradient sky "
                "with soft contrails."
            ),
            "caption": "Early warning aircraft act as flying radar stations and command posts.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 356.9,
    },
    {
        "headline": "First production KF-21 fuselage section moves into final assembly",
        "slug": "first-production-kf-21-fuselage-reaches-final-assembly",
        "section": "air-space",
        "tags": ["kf-21", "procurement"],
        "contributors": ["daniel-okafor", "han-seo-yeon"],
        "summary": (
            "The milestone marks the shift from hand-built prototypes to serial production, which "
            "brings its own challenges in supplier quality and pacing."
        ),
        "paragraphs": [
            (
                "The forward fuselage of the first production KF-21 moved into final assembly in "
                "April at Daehan Aerospace's plant in Sacheon, the company said. The milestone "
                "marks the program's move from hand-finished prototypes to building aircraft on a "
                "steady schedule."
            ),
            (
                "Production brings different problems from development. Suppliers that delivered a "
                "handful of parts for prototypes must now deliver on time and to consistent "
                "quality, and assembly workers must learn to finish each step within a set number "
                "of hours."
            ),
            (
                "A company official said the supply chain was broadly on track, although some "
                "electronic components had arrived later than planned. The company has added a "
                "second shift on parts of the line to make up time."
            ),
            (
                "The Air Force expects to receive its first production jets for operational "
                "testing before they join front-line squadrons. The pace of deliveries will depend "
                "on annual budgets as much as on factory performance."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a fighter jet silhouette seen from above, angled across a "
                "gradient sky."
            ),
            "caption": (
                "The program is moving from hand-built prototypes to steady serial production."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 394.0,
        "correction": (
            "An earlier version of this article said final assembly began in March; it began in "
            "April."
        ),
    },
    {
        "headline": (
            "KF-21 engine overhauls will move to a domestic depot under a new licensing deal"
        ),
        "slug": "kf-21-engine-maintenance-to-be-done-locally",
        "section": "air-space",
        "tags": ["kf-21", "procurement"],
        "contributors": ["han-seo-yeon"],
        "summary": (
            "The agreement lets a local firm carry out heavy engine maintenance, cutting the "
            "months that engines would otherwise spend being shipped abroad for repair."
        ),
        "paragraphs": [
            (
                "A domestic company will carry out heavy maintenance on the engines that power the "
                "KF-21 under a licensing agreement with the engine's foreign manufacturer. The "
                "deal covers overhauls, repairs of major components and the supply of some spare "
                "parts."
            ),
            (
                "Without local capability, engines needing major work would have to be shipped "
                "overseas, a process that can take months and leave aircraft sitting idle. Air "
                "Force officials have cited exactly that problem with other imported aircraft."
            ),
            (
                "The agreement does not allow the local firm to manufacture the engine's most "
                "sensitive parts, such as turbine blades. Defense officials have said a fully "
                "domestic fighter engine remains a long-term goal but would take years of research "
                "and heavy investment."
            ),
            (
                "Work on the first engines will begin once the fleet has logged enough flying "
                "hours to need overhauls. Until then, the company will train technicians and build "
                "engine test cells at its plant."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a fighter jet silhouette climbing across a gradient sky "
                "above a low horizon."
            ),
            "caption": (
                "Engines needing heavy maintenance will no longer have to be shipped overseas."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 436.1,
    },
    {
        "headline": "Air Force studies expanding its small aerial refueling fleet",
        "slug": "air-force-studies-expanding-aerial-refueling-fleet",
        "section": "air-space",
        "tags": ["procurement", "alliance"],
        "contributors": ["daniel-okafor"],
        "summary": (
            "A study will weigh buying more tankers against leasing capacity, as fighters are "
            "expected to fly longer missions over the surrounding seas."
        ),
        "paragraphs": [
            (
                "The Air Force has commissioned a study on expanding its fleet of aerial refueling "
                "tankers, which numbers only a handful of aircraft. The study will compare buying "
                "more tankers with leasing refueling capacity from commercial providers."
            ),
            (
                "Tankers let fighters stay airborne longer and reach farther, which matters for "
                "patrols over the surrounding seas and for any long-distance mission. The existing "
                "aircraft are in constant demand for training as well as operations."
            ),
            (
                "Officials said the study would also look at refueling drones in the future, and "
                "at how Korean tankers could support allied aircraft during combined exercises. "
                "Results are due by the end of the year and will feed into the next mid-term "
                "defense plan."
            ),
            (
                "Some analysts question whether more tankers are the best use of limited funds, "
                "arguing that extra ground-based air defenses would do more to protect the "
                "country. Supporters counter that without tankers, the Air Force's newest fighters "
                "cannot make full use of their range."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a large jet silhouette flying across a soft gradient sky "
                "with long contrails."
            ),
            "caption": (
                "The current tanker fleet is in heavy demand for both training and operations."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 479.5,
    },
    {
        "headline": "Explainer: How a missile-warning radar spots a launch and what happens next",
        "slug": "explainer-how-a-missile-warning-radar-spots-a-launch",
        "section": "air-space",
        "tags": ["missile-defense", "north-korea"],
        "contributors": ["tomas-reyes", "daniel-okafor"],
        "summary": (
            "From first detection to the decision to intercept, missile defense is a race against "
            "a clock measured in minutes."
        ),
        "paragraphs": [
            (
                "When a ballistic missile leaves its launcher, the defenders' first job is simply "
                "to notice. Satellites with infrared sensors can detect the heat of a rocket "
                "motor, while ground-based radars pick up the missile once it climbs above the "
                "horizon."
            ),
            (
                "A radar sends out pulses of energy and listens for the echoes. By measuring how "
                "long each echo takes to return, and how its frequency shifts, it can work out the "
                "missile's position and speed. Repeated measurements build a track that shows "
                "where the missile is heading."
            ),
            (
                "That track goes to a command centre, where software estimates the impact point "
                "and checks which interceptors are in range. Operators must decide whether to "
                "fire, and how many interceptors to commit, often with only a few minutes to "
                "spare."
            ),
            (
                "Newer missiles complicate the picture. Some fly lower and flatter than "
                "traditional ballistic missiles and appear on radar later, while others can change "
                "course in flight. Decoys and debris can also create false tracks that soak up "
                "interceptors."
            ),
            (
                "That is why planners talk about layers: several sensors and several kinds of "
                "interceptor, so that a miss by one can be covered by another. No layer is "
                "perfect, but together they aim to shrink the number of missiles that get through."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a radar dish silhouette on a hilltop emitting curved "
                "signal arcs into a gradient sky."
            ),
            "caption": "Radars build up a track of a missile's flight from repeated measurements.",
            "credit": "Illustration: Tomás Reyes",
        },
        "kind": "scheduled",
        "age_hours": -44.0,
    },
    {
        "headline": "Air bases test drones to scare flocks of birds away from runways",
        "slug": "air-bases-test-drones-to-scare-birds-off-runways",
        "section": "air-space",
        "tags": ["drones"],
        "contributors": ["daniel-okafor"],
        "summary": (
            "Bird strikes damage jet engines every year, and several bases are trying drones that "
            "mimic birds of prey to keep flocks clear of the runway."
        ),
        "paragraphs": [
            (
                "Several air bases are testing small drones designed to chase birds away from "
                "runways, the Air Force said. Some of the drones are shaped like birds of prey, "
                "while others broadcast distress calls through loudspeakers as they sweep over the "
                "grass beside the runway."
            ),
            (
                "Bird strikes are a persistent hazard for military and civilian aviation alike. A "
                "single bird swallowed by an engine can cause expensive damage, and larger strikes "
                "can force pilots to abort take-offs or make emergency landings."
            ),
            (
                "Bases have traditionally relied on a mix of noise cannons, trained falcons and "
                "careful control of grass height. Officials said drones could cover larger areas "
                "and respond faster when radar picks up an approaching flock."
            ),
            (
                "The trial will run through the spring migration season. The Air Force will "
                "compare strike rates at participating bases with those elsewhere before deciding "
                "whether to expand the program."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a small drone silhouette flying across a pale gradient sky."
            ),
            "caption": "Some of the drones are shaped like birds of prey.",
            "credit": "Newsdesk graphic",
        },
        "kind": "in_review",
        "age_hours": 0.0,
    },
    {
        "headline": (
            "US Navy supply ship arrives at a Korean yard for maintenance under a growing repair "
            "program"
        ),
        "slug": "us-navy-supply-ship-arrives-for-repairs-at-korean-yard",
        "section": "naval",
        "tags": ["alliance", "shipbuilding"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "The visit is part of a wider effort to use allied shipyards to ease long maintenance "
            "backlogs in the United States."
        ),
        "paragraphs": [
            (
                "A US Navy dry cargo and ammunition ship arrived at a shipyard in South Gyeongsang "
                "Province on Sunday for several months of maintenance, the yard's operator said. "
                "It is one of a small but growing number of US naval vessels to be repaired at "
                "Korean yards."
            ),
            (
                "American shipyards have struggled with maintenance backlogs that leave ships "
                "waiting months for work. Allied yards with spare capacity can help shorten those "
                "queues, although work on warships is restricted under US law."
            ),
            (
                "Namhae Shipbuilding, which is carrying out the job, said it had trained a "
                "dedicated team and fenced off secure areas to meet US requirements. The company "
                "hopes repair contracts will become a steady business alongside its commercial "
                "shipbuilding."
            ),
            (
                "Analysts said the program carried symbolic weight for the alliance as well as "
                "practical benefits. Both governments have talked about deeper cooperation in "
                "shipbuilding, though any expansion to combat ships would face political and legal "
                "hurdles."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette on a calm sea at the horizon, under a "
                "gradient sky, with a faint reflection below."
            ),
            "caption": "Allied yards are helping to ease repair backlogs for US naval vessels.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 3.2,
    },
    {
        "headline": "Third boat of the Navy's newest attack submarine class is launched at Okpo",
        "slug": "third-boat-of-new-attack-submarine-class-launched",
        "section": "naval",
        "tags": ["submarines", "shipbuilding"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "The submarine will begin sea trials next year and is the first of its class to use a "
            "lithium-ion battery system."
        ),
        "paragraphs": [
            (
                "The Navy launched the third boat of its newest class of diesel-electric attack "
                "submarines at a ceremony in Okpo on Wednesday. The submarine will now be fitted "
                "out and put through sea trials before delivery, expected in about two years."
            ),
            (
                "The new boat is the first of its class to use lithium-ion batteries instead of "
                "lead-acid ones, allowing it to stay submerged longer and move faster underwater "
                "before it needs to recharge. Navy officials said the battery system had passed "
                "extensive safety testing."
            ),
            (
                "Submarines of this class are larger than the boats they replace and carry "
                "vertical launch tubes for missiles. The Navy has described them as a core part of "
                "its deterrence posture, particularly in the deep waters off the east coast."
            ),
            (
                "The shipyard, operated by Seohae Heavy Industries, is also building submarine "
                "sections for possible export customers. The company has offered the design to "
                "several foreign navies."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a submarine silhouette running on the surface of a dark "
                "sea beneath a gradient sky."
            ),
            "caption": "The new submarine is the first of its class with lithium-ion batteries.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 17.0,
    },
    {
        "headline": (
            "Next-generation destroyer passes detailed design review, clearing the way for "
            "construction"
        ),
        "slug": "next-generation-destroyer-passes-detailed-design-review",
        "section": "naval",
        "tags": ["shipbuilding", "missile-defense"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "The design puts missile defense first, with a larger radar and more launch cells than "
            "any of the Navy's current destroyers."
        ),
        "paragraphs": [
            (
                "The Navy's next-generation destroyer has passed its detailed design review, "
                "allowing the program to move toward building the first ship, the acquisition "
                "agency said. The review covered everything from the hull form to the cooling "
                "system for the ship's radar."
            ),
            (
                "The destroyer is designed around a larger radar array and more vertical launch "
                "cells than existing ships, reflecting a sharper focus on defending against "
                "ballistic and cruise missiles. It will also use integrated electric propulsion, "
                "which can feed more power to future sensors and weapons."
            ),
            (
                "The agency said some changes had been made to cut weight and improve stability "
                "after earlier reviews raised concerns. Construction of the first ship is expected "
                "to start next year, subject to funding."
            ),
            (
                "Analysts noted that large surface combatants are growing more expensive around "
                "the world, and that the Navy will have to balance the destroyer program against "
                "submarines, frigates and uncrewed systems. All of them are competing for a naval "
                "budget that is not expected to grow much."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette with a tall mast sailing along the "
                "horizon of a calm sea."
            ),
            "caption": "The new destroyer will carry a larger radar than the Navy's current ships.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 44.0,
    },
    {
        "headline": "Navy trials uncrewed surface vessels for harbor patrol and mine detection",
        "slug": "navy-trials-uncrewed-surface-vessels-for-harbor-patrol",
        "section": "naval",
        "tags": ["drones"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "The small boats can patrol harbor entrances around the clock and tow sonar equipment "
            "to search for mines."
        ),
        "paragraphs": [
            (
                "The Navy has begun trials of small uncrewed surface vessels at a base on the "
                "south coast, using them to patrol harbor entrances and search for underwater "
                "objects. The boats, around 12 metres long, can be steered remotely or follow "
                "pre-programmed routes."
            ),
            (
                "Harbor security has traditionally depended on crewed patrol boats and divers, "
                "which takes a lot of people. The uncrewed boats can work around the clock "
                "carrying cameras, radar and a towed sonar."
            ),
            (
                "Officers said the trials would test how well the boats avoid civilian traffic in "
                "busy waters, a major concern for any autonomous vessel. Operators will stay on "
                "standby to take over if needed."
            ),
            (
                "The Navy plans to decide on a production program after the trials end later this "
                "year. Several domestic shipbuilders have developed uncrewed boats in anticipation "
                "of naval orders."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a low warship silhouette on a calm sea with a gradient sky "
                "above the horizon."
            ),
            "caption": "The uncrewed boats can patrol harbor entrances around the clock.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 79.8,
    },
    {
        "headline": (
            "New minehunter enters service, carrying underwater drones to find and clear mines"
        ),
        "slug": "new-minehunter-enters-service-with-underwater-drones",
        "section": "naval",
        "tags": ["procurement", "drones"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "The ship's drones can search the seabed without putting the vessel or divers close to "
            "a suspected mine."
        ),
        "paragraphs": [
            (
                "A new minehunter joined the Navy's fleet on Friday at a ceremony in Jinhae. The "
                "ship, which displaces about 700 tonnes, carries underwater drones that can search "
                "for mines and place charges to destroy them."
            ),
            (
                "Using drones lets the ship stay farther from a suspected mine than older "
                "minehunters, which had to close in and sometimes send divers into the water. Its "
                "hull is also built from materials that reduce its magnetic signature."
            ),
            (
                "Mine warfare gets less attention than other naval missions, but mines remain a "
                "cheap and effective way to close harbors and shipping lanes. The country's ports "
                "handle almost all of its trade, which makes mine clearance a high priority in any "
                "conflict."
            ),
            (
                "Two more ships of the class are planned. They will replace minehunters that have "
                "been in service for more than three decades."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a small warship silhouette on a still sea, with a faint "
                "reflection beneath the hull."
            ),
            "caption": "The minehunter's drones can search the seabed from a safe distance.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 123.0,
        "correction": (
            "An earlier version of this article misstated the ship's displacement; it is about 700 "
            "tonnes, not 1,700 tonnes."
        ),
    },
    {
        "headline": (
            "Navy reworks its shelved light carrier plan into a smaller drone-carrier concept"
        ),
        "slug": "navy-reworks-light-carrier-plan-into-drone-carrier-concept",
        "section": "naval",
        "tags": ["budget", "drones"],
        "contributors": ["park-ji-hoon", "mira-lindqvist"],
        "summary": (
            "Instead of crewed jets, the proposed ship would launch and recover drones, a cheaper "
            "approach that still faces hard questions over cost and purpose."
        ),
        "paragraphs": [
            (
                "The Navy has presented a revised concept for a flat-decked ship that would "
                "operate drones rather than crewed fighter jets, according to documents submitted "
                "to the National Assembly. The concept revives parts of a light aircraft carrier "
                "program that was shelved after budget disputes."
            ),
            (
                "The proposed ship would be smaller than the earlier design and would launch "
                "drones for surveillance, electronic warfare and possibly strike missions. "
                "Supporters argue that drones are cheaper to buy and run than fighters and need "
                "neither as large a deck nor complex arresting gear."
            ),
            (
                "Skeptics question whether the country needs such a ship at all, given that "
                "land-based aircraft can reach most areas of interest. Some lawmakers also asked "
                "how it would be protected, since large ships make attractive targets."
            ),
            (
                "The Navy said the concept was at an early stage and that detailed studies would "
                "be needed before any decision on construction. No funding has been requested for "
                "it in next year's budget."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette on a calm sea beneath a wide gradient "
                "sky."
            ),
            "caption": "The proposed ship would launch and recover drones rather than crewed jets.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 161.0,
    },
    {
        "headline": "Navy adds housing and pay incentives to fill submarine crews",
        "slug": "navy-adds-incentives-to-fill-submarine-crews",
        "section": "naval",
        "tags": ["submarines", "training"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "As the submarine fleet grows, the Navy says it needs hundreds more qualified sailors "
            "and is competing with civilian industry for technical talent."
        ),
        "paragraphs": [
            (
                "The Navy will offer priority housing, higher hazard pay and faster promotion to "
                "sailors who volunteer for submarine service, it announced on Tuesday. The "
                "measures aim to ease a shortage of qualified crew as new, larger submarines enter "
                "service."
            ),
            (
                "Submarine duty means long patrols in cramped conditions with little contact with "
                "family, and sailors must pass demanding qualification courses. The Navy said the "
                "number of volunteers had fallen in recent years even as demand grew."
            ),
            (
                "Technical ratings such as engineers and sonar operators are especially hard to "
                "keep, because their skills are prized in civilian industry. The Navy said it "
                "would also expand capacity at its submarine school."
            ),
            (
                "Officials acknowledged that money alone might not be enough. Sailors' families "
                "have asked for better communication during patrols and more predictable "
                "schedules, which the Navy said it would review."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a submarine silhouette on the surface of a calm sea "
                "beneath a gradient sky."
            ),
            "caption": (
                "The Navy's new, larger submarines need more crew than the boats they replace."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 202.4,
    },
    {
        "headline": "Trilateral naval drill tests real-time sharing of missile warning data",
        "slug": "trilateral-drill-tests-sharing-of-missile-warning-data-at-sea",
        "section": "naval",
        "tags": ["alliance", "missile-defense"],
        "contributors": ["park-ji-hoon", "mira-lindqvist"],
        "summary": (
            "Destroyers from three navies tracked a simulated missile and passed data between "
            "their combat systems in a test of a new data-sharing arrangement."
        ),
        "paragraphs": [
            (
                "Destroyers from South Korea, the United States and Japan took part in a one-day "
                "drill in international waters on Thursday, tracking a simulated ballistic missile "
                "and sharing the data between ships. The exercise tested an arrangement that lets "
                "the three countries exchange missile warning data in real time."
            ),
            (
                "Shared tracks let each ship see a missile earlier than it could alone, buying "
                "time to react. The data moves over links that connect the ships' combat systems, "
                "with safeguards meant to limit what each country can see."
            ),
            (
                "Officials from all three navies called the drill a success. It was smaller than "
                "some earlier exercises and did not involve live interceptors."
            ),
            (
                "Trilateral cooperation has expanded in recent years but remains politically "
                "sensitive, particularly in Seoul, where relations with Tokyo have long been "
                "strained. Supporters argue that shared threats justify closer military ties."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette with a tall mast on the horizon of a "
                "calm sea under a gradient sky."
            ),
            "caption": "The ships exchanged tracking data on a simulated missile.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 244.0,
    },
    {
        "headline": (
            "Navy and coast guard step up joint patrols against illegal fishing near the maritime "
            "boundary"
        ),
        "slug": "navy-and-coast-guard-step-up-patrols-against-illegal-fishing",
        "section": "naval",
        "tags": ["north-korea"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "The crab season brings large numbers of foreign fishing boats close to the Northern "
            "Limit Line, creating a crowded and tense patrol area."
        ),
        "paragraphs": [
            (
                "The Navy and coast guard have increased joint patrols near the Northern Limit "
                "Line in the Yellow Sea as the peak crab season begins. Large numbers of foreign "
                "fishing boats work the area at this time of year, and some cross into South "
                "Korean waters illegally."
            ),
            (
                "The waters near the maritime boundary are among the most sensitive in the region, "
                "and several deadly clashes have taken place there in past decades. Patrol crews "
                "must deal with illegal fishing while keeping watch for military activity from the "
                "North."
            ),
            (
                "A coast guard official said crews had been told to rely on warnings and boarding "
                "teams rather than force wherever possible. Seized boats are escorted to port and "
                "their crews fined."
            ),
            (
                "Local fishermen have long complained that illegal fishing depletes crab stocks "
                "and tears their nets. Islands near the boundary depend heavily on the catch."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette patrolling a calm sea along the "
                "horizon under a gradient sky."
            ),
            "caption": "Crab season brings crowded waters near the maritime boundary.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 283.9,
    },
    {
        "headline": (
            "Welder shortage slows naval deliveries as commercial orders fill the shipyards"
        ),
        "slug": "welder-shortage-slows-naval-deliveries-at-shipyards",
        "section": "naval",
        "tags": ["shipbuilding"],
        "contributors": ["park-ji-hoon", "han-seo-yeon"],
        "summary": (
            "Yards are competing for skilled workers as orders for gas carriers surge, and naval "
            "programs are feeling the squeeze."
        ),
        "paragraphs": [
            (
                "A shortage of skilled welders and outfitting workers is slowing delivery of "
                "several naval ships, shipyard executives and defense officials said. Commercial "
                "orders, particularly for liquefied natural gas carriers, have filled the yards "
                "and sharpened competition for labor."
            ),
            (
                "Many experienced workers left the industry during a downturn in the previous "
                "decade and never came back when orders recovered. Yards have turned to foreign "
                "workers and training programs, but it takes years to develop the skills needed "
                "for complex ships."
            ),
            (
                "Naval work can be less attractive than commercial contracts because of strict "
                "security rules and fixed-price terms. One executive said some yards put "
                "commercial work first when labor is tight."
            ),
            (
                "The acquisition agency said it was watching schedules closely and discussing "
                "incentives with the yards. Lawmakers have called for a review of contract terms "
                "to make naval programs more appealing."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette on a calm sea under a gradient sky, "
                "with the hull reflected in the water."
            ),
            "caption": "Commercial orders have sharpened competition for skilled shipyard workers.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 327.6,
    },
    {
        "headline": "Navy tests a ship-launched drone to find targets beyond the horizon",
        "slug": "navy-tests-ship-launched-drone-for-over-the-horizon-targeting",
        "section": "naval",
        "tags": ["drones", "procurement"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "Launched from a frigate's deck, the drone relayed target data to the ship's combat "
            "system during tests in the East Sea."
        ),
        "paragraphs": [
            (
                "A frigate launched a fixed-wing drone from a rail on its flight deck during tests "
                "in the East Sea last week, the Navy said. The drone flew beyond the ship's radar "
                "horizon and relayed information on simulated targets back to the combat system."
            ),
            (
                "A ship's radar cannot see past the curve of the Earth at low altitude, which "
                "limits how far it can aim its anti-ship missiles. Helicopters can extend that "
                "reach, but they are expensive to run and not every ship carries one."
            ),
            (
                "The drone was recovered with a net system at the stern. Test officials said "
                "recovery in rough seas remained the biggest challenge."
            ),
            (
                "The Navy is considering equipping its frigates and some larger patrol ships with "
                "the drones. A decision is expected after further tests in winter conditions."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette on a calm sea at the horizon beneath "
                "a gradient sky."
            ),
            "caption": "The drone relayed target data back to the frigate's combat system.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 365.5,
    },
    {
        "headline": (
            "Naval shipyard targeted by phishing campaign; company says no classified data was lost"
        ),
        "slug": "shipyard-targeted-by-phishing-campaign",
        "section": "naval",
        "tags": ["cyber", "shipbuilding"],
        "contributors": ["yoon-min-jae"],
        "summary": (
            "Employees received emails posing as design review invitations, and investigators are "
            "examining whether the campaign is linked to a state-backed group."
        ),
        "paragraphs": [
            (
                "A shipyard that builds warships for the Navy was targeted by a phishing campaign "
                "last month, the company confirmed on Monday. Employees received emails disguised "
                "as invitations to design review meetings, some linking to fake login pages."
            ),
            (
                "Jindo Marine Systems said a small number of employees had entered their "
                "credentials but that the accounts were locked quickly. The company said the "
                "affected systems held no classified information, which is kept on separate "
                "networks."
            ),
            (
                "Government cyber investigators are examining the incident, including whether it "
                "is linked to groups that have previously targeted defense firms. Officials "
                "declined to comment on attribution."
            ),
            (
                "Defense companies are frequent targets of hacking campaigns seeking designs and "
                "technical data. Security specialists said phishing remains one of the most "
                "effective methods because it exploits trust rather than technical flaws."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette on a calm sea under a gradient sky."
            ),
            "caption": "Employees received emails disguised as design review invitations.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 405.0,
    },
    {
        "headline": "Images of a new North Korean submarine prompt caution from analysts",
        "slug": "north-korean-submarine-images-prompt-caution-from-analysts",
        "section": "naval",
        "tags": ["north-korea", "submarines"],
        "contributors": ["mira-lindqvist"],
        "summary": (
            "State media photos show a larger hull with what look like missile tubes, but outside "
            "experts say it is unclear how close the vessel is to service."
        ),
        "paragraphs": [
            (
                "North Korean state media published photographs last week of what it described as "
                "a new missile-carrying submarine, prompting close scrutiny from analysts in Seoul "
                "and elsewhere. The images show a large hull under construction, with what appear "
                "to be vertical launch tubes."
            ),
            (
                "Analysts said the photos suggested a bigger vessel than the North's earlier "
                "missile submarines, but cautioned that state media images are often carefully "
                "staged. Key questions, including how quiet the submarine would be and whether it "
                "could safely fire missiles, cannot be answered from pictures."
            ),
            (
                "“Building a hull is one thing; turning it into a reliable weapon is another,” "
                "said Jung Hye-rim, a naval analyst at the Maritime Strategy Forum, an independent "
                "research group in Busan. She noted that the North's earlier submarine projects "
                "had taken years to reach testing."
            ),
            (
                "The Joint Chiefs of Staff in Seoul said they were monitoring the program with "
                "allies. The Navy has been investing in anti-submarine aircraft and sonar, partly "
                "in response to such developments."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a submarine silhouette on the surface of a dark sea under "
                "a gradient sky."
            ),
            "caption": "Analysts say photographs alone cannot show how capable the submarine is.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 447.8,
    },
    {
        "headline": "Korean shipyard shortlisted for a European navy's frigate competition",
        "slug": "korean-yard-shortlisted-for-european-frigate-program",
        "section": "naval",
        "tags": ["exports", "shipbuilding"],
        "contributors": ["han-seo-yeon", "park-ji-hoon"],
        "summary": (
            "Seohae Heavy Industries is offering an adapted version of a Korean Navy frigate, with "
            "a promise to build most of the ships in the customer's own yards."
        ),
        "paragraphs": [
            (
                "Seohae Heavy Industries has been shortlisted to supply new frigates to a European "
                "navy, the company said on Thursday. It is competing against two European "
                "shipbuilders for a contract to build several ships over the next decade."
            ),
            (
                "The offer is based on a frigate design already in service with the Korean Navy, "
                "adapted to the customer's requirements for sensors and weapons. The company has "
                "proposed building the first ship in Korea and the rest in the customer's own "
                "shipyards, with Korean engineers on hand to help."
            ),
            (
                "Korean yards are known for building ships quickly and at competitive prices, but "
                "they have little experience of selling warships in Europe. Local industrial "
                "involvement is likely to weigh heavily in the decision."
            ),
            (
                "A final decision is expected next year. The company said it had opened a small "
                "office in the customer's capital to support the bid."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette on a calm sea at the horizon, under a "
                "gradient sky."
            ),
            "caption": "The offer is based on a frigate design already in Korean service.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 489.1,
    },
    {
        "headline": "Analysis: Why navies around the world are ordering more frigates",
        "slug": "analysis-why-navies-are-ordering-more-frigates",
        "section": "naval",
        "tags": ["shipbuilding", "exports"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "Cheaper than destroyers but more capable than patrol ships, frigates have become the "
            "workhorse of many fleets, and Korean yards want a bigger share of the market."
        ),
        "paragraphs": [
            (
                "Frigates are having a moment. Navies in Europe, Asia and the Americas have "
                "ordered new frigates in recent years or are planning to, and shipbuilders are "
                "competing hard for the work."
            ),
            (
                "Part of the appeal is cost. A modern frigate costs far less than a large "
                "destroyer but can still carry capable sensors, anti-submarine gear and a "
                "meaningful load of missiles. For many navies, several frigates offer more value "
                "than one or two bigger ships."
            ),
            (
                "Changing threats play a part too. Renewed concern about submarines has raised "
                "demand for ships with good sonar and quiet hulls, while the spread of drones and "
                "anti-ship missiles has pushed navies to add air defenses to ships that once had "
                "little."
            ),
            (
                "Korean yards see an opening. They have built frigates for the Korean Navy for "
                "years and can promise short delivery times. But export buyers often demand local "
                "construction and technology transfer, which can wear away the speed and price "
                "advantages that make Korean offers attractive."
            ),
            (
                "Whether Korea becomes a major frigate exporter will depend on a handful of "
                "competitions over the next few years. One win could open doors elsewhere; a "
                "string of losses would suggest that the naval market is harder to crack than the "
                "market for land equipment."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a warship silhouette with a tall mast on a calm sea "
                "beneath a gradient sky."
            ),
            "caption": (
                "Frigates offer a balance of capability and cost that appeals to many navies."
            ),
            "credit": "Illustration: Tomás Reyes",
        },
        "kind": "scheduled",
        "age_hours": -70.0,
    },
    {
        "headline": "Navy signs contract for a second fleet replenishment ship",
        "slug": "navy-signs-contract-for-second-fleet-replenishment-ship",
        "section": "naval",
        "tags": ["logistics", "shipbuilding"],
        "contributors": ["park-ji-hoon"],
        "summary": (
            "The ship will carry fuel, ammunition and supplies to warships at sea, allowing task "
            "groups to stay deployed for longer."
        ),
        "paragraphs": [
            (
                "The acquisition agency has signed a contract for a second large replenishment "
                "ship to support the Navy's fleet at sea. The ship will carry fuel, ammunition, "
                "food and spare parts and pass them to warships while both vessels are underway."
            ),
            (
                "Replenishment at sea lets warships stay deployed without returning to port. The "
                "Navy currently relies on a small number of such ships, which limits how long its "
                "task groups can remain at sea."
            ),
            (
                "The new ship will be built by a domestic yard and is expected to be delivered in "
                "about four years. It will have a flight deck so helicopters can shuttle supplies "
                "between ships."
            ),
            (
                "The agency said the contract value would be disclosed after final approval. [Desk "
                "note: confirm the delivery year with the agency's press office before "
                "publishing.]"
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a large warship silhouette on a calm sea beneath a "
                "gradient sky."
            ),
            "caption": (
                "Replenishment ships transfer fuel and supplies to warships while both are "
                "underway."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "draft",
        "age_hours": 0.0,
    },
    {
        "headline": (
            "Defense budget proposal prioritizes surveillance, munitions and drone programs"
        ),
        "slug": "defense-budget-proposal-prioritizes-surveillance-and-munitions",
        "section": "policy-industry",
        "tags": ["budget"],
        "contributors": ["mira-lindqvist"],
        "summary": (
            "The draft grows faster than inflation, with the biggest increases going to "
            "intelligence gathering and ammunition stockpiles rather than big-ticket platforms."
        ),
        "paragraphs": [
            (
                "The government's draft defense budget for next year would raise spending faster "
                "than inflation, with the largest increases going to surveillance, munitions "
                "stockpiles and drone programs. The proposal was sent to the National Assembly on "
                "Tuesday and will be debated over the coming months."
            ),
            (
                "Money for new ships and aircraft would grow more slowly, reflecting a shift in "
                "priorities after officials studied recent wars abroad. Those conflicts showed how "
                "quickly armies burn through ammunition and how much depends on seeing the enemy "
                "first."
            ),
            (
                "Personnel costs still take a large share of the budget even as the number of "
                "conscripts falls, because pay for enlisted soldiers has risen sharply in recent "
                "years. The ministry said higher pay was necessary for morale and fairness."
            ),
            (
                "Opposition lawmakers said they would examine whether the increases were justified "
                "and whether enough was being spent on reservist training. Budget debates usually "
                "produce modest changes before final approval in December."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart rising over a faint grid, linked by "
                "network lines and nodes."
            ),
            "caption": "The largest increases would go to surveillance, munitions and drones.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 5.5,
    },
    {
        "headline": "Defense exports on track for a record year as new orders outpace deliveries",
        "slug": "defense-exports-on-track-for-record-year",
        "section": "policy-industry",
        "tags": ["exports"],
        "contributors": ["han-seo-yeon"],
        "summary": (
            "A growing backlog of contracts is straining production lines and raising questions "
            "about how fast companies can expand."
        ),
        "paragraphs": [
            (
                "South Korean defense companies are on course for a record year of export orders, "
                "industry figures show, with contracts for artillery, armored vehicles and "
                "aircraft signed with customers on several continents. Orders signed so far this "
                "year already exceed the full-year totals of most previous years."
            ),
            (
                "The backlog is becoming a challenge in its own right. Production lines sized for "
                "domestic demand must expand to deliver export orders on time, and companies are "
                "hiring and building new facilities."
            ),
            (
                "Executives say the industry's edge lies in delivering proven equipment quickly. "
                "But several customers have asked for local production, which could slow "
                "deliveries and require companies to share technology."
            ),
            (
                "The government has set a goal of making the country one of the world's largest "
                "arms exporters. Critics have raised questions about export controls, particularly "
                "for sales to countries involved in conflicts or with poor human rights records."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a stylized globe with curved meridian lines and arcing "
                "routes over a dark grid."
            ),
            "caption": (
                "Companies are investing in new facilities to work through a growing backlog."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 22.5,
    },
    {
        "headline": "Alliance cost-sharing talks end another round without a final agreement",
        "slug": "alliance-cost-sharing-talks-end-another-round",
        "section": "policy-industry",
        "tags": ["alliance", "budget"],
        "contributors": ["mira-lindqvist"],
        "summary": (
            "Negotiators narrowed their differences over Seoul's contribution toward stationing US "
            "troops, but still disagree on how much it should rise each year."
        ),
        "paragraphs": [
            (
                "Negotiators from Seoul and Washington ended another round of talks on sharing the "
                "cost of stationing US troops in South Korea without a final agreement, the "
                "foreign ministry said on Friday. Both sides said the gap between them had "
                "narrowed."
            ),
            (
                "The talks cover Seoul's contribution to costs such as wages for Korean employees "
                "at US bases, construction and logistics support. The main sticking point is the "
                "formula for annual increases over the life of the agreement."
            ),
            (
                "“We had frank and productive discussions,” said a foreign ministry official, "
                "speaking on condition of anonymity under briefing rules. The official said "
                "another round would be held next month."
            ),
            (
                "Cost-sharing has at times strained the alliance. Analysts said both governments "
                "had good reason to avoid a public dispute at a time of heightened regional "
                "tension."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a stylized globe with meridian lines and arcing "
                "connections over a dark grid."
            ),
            "caption": "Negotiators narrowed their differences over the annual increase formula.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 50.9,
    },
    {
        "headline": (
            "Acquisition agency launches a fast track for buying off-the-shelf commercial "
            "technology"
        ),
        "slug": "acquisition-agency-launches-fast-track-for-commercial-technology",
        "section": "policy-industry",
        "tags": ["procurement", "drones"],
        "contributors": ["han-seo-yeon"],
        "summary": (
            "Purchases of products such as small drones and software could be approved in months "
            "rather than years under the new process."
        ),
        "paragraphs": [
            (
                "The Defense Acquisition Program Administration has introduced a fast-track route "
                "for commercial products that can be used with little modification, such as small "
                "drones, software and communications gear. Under the new process, purchases could "
                "be approved within months."
            ),
            (
                "Traditional programs often take years to move from requirement to contract, which "
                "officials admit is far too slow for technologies that change rapidly. By the time "
                "some systems arrived, newer commercial versions were already on sale."
            ),
            (
                "The fast track will apply to programs below a set value and will lean on field "
                "trials rather than lengthy paper evaluations. Units will be able to test products "
                "and report back before larger purchases are made."
            ),
            (
                "Industry groups welcomed the change but said the agency would need more staff "
                "with technical expertise to run it. Some lawmakers warned that speed should not "
                "come at the expense of oversight."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart with connected network nodes drawn "
                "over a faint grid."
            ),
            "caption": (
                "Small drones and software are among the products covered by the fast track."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 92.8,
    },
    {
        "headline": "Cyber command opens new positions for civilian security specialists",
        "slug": "cyber-command-recruits-civilian-security-specialists",
        "section": "policy-industry",
        "tags": ["cyber"],
        "contributors": ["yoon-min-jae"],
        "summary": (
            "The command wants to hire experienced analysts and developers, offering pay closer to "
            "private-sector levels and more flexible working arrangements."
        ),
        "paragraphs": [
            (
                "The military's cyber operations command is recruiting civilian security "
                "specialists in significant numbers for the first time, offering salaries closer "
                "to those in the private sector. The openings include threat analysts, software "
                "developers and incident responders."
            ),
            (
                "Until now the command has relied mainly on uniformed personnel, many of whom "
                "leave after a few years for better-paid jobs in industry. Officials said "
                "experienced civilians would help it keep knowledge in-house."
            ),
            (
                "Applicants will need to pass security screening, which can take several months. "
                "The command said it would also offer flexible hours and support for further "
                "study."
            ),
            (
                "Officials said cyber threats to the military and the defense industry were "
                "increasing, pointing to phishing campaigns and attempts to break into networks. "
                "The command is also working more closely with the national intelligence agency "
                "and the police on investigations."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart and a web of connected network nodes "
                "over a dark grid."
            ),
            "caption": "The command hopes civilian hires will help it build long-term expertise.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 130.3,
    },
    {
        "headline": (
            "Venture funding flows into defense startups as investors drop their old reluctance"
        ),
        "slug": "venture-funding-flows-into-defense-startups",
        "section": "policy-industry",
        "tags": ["drones", "procurement"],
        "contributors": ["han-seo-yeon"],
        "summary": (
            "Startups working on drones, autonomy and satellite data are attracting investors who "
            "once avoided the sector entirely."
        ),
        "paragraphs": [
            (
                "Venture capital investment in South Korean defense startups has risen sharply "
                "over the past two years, according to figures compiled by an industry "
                "association. Companies working on drones, autonomous systems and satellite data "
                "analysis have drawn the largest share."
            ),
            (
                "Many investors used to avoid defense because of long sales cycles, strict "
                "regulation and reputational worries. Recent wars abroad and the government's push "
                "for faster procurement have changed that calculation for some funds."
            ),
            (
                "Founders say the hardest part is still winning a first contract. “The technology "
                "is not the bottleneck. Getting a unit to try it, and then getting a program to "
                "buy it, is,” said the chief executive of one drone startup."
            ),
            (
                "Some large defense companies have set up investment arms of their own, hoping to "
                "pull new technology into their products. Observers said the trend could make the "
                "industry more diverse, but warned that many startups would not survive."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart rising above a faint grid, linked by "
                "network lines."
            ),
            "caption": (
                "Drone and autonomy startups have attracted the largest share of investment."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 173.2,
    },
    {
        "headline": (
            "State lenders expand credit lines to help foreign buyers finance arms purchases"
        ),
        "slug": "state-lenders-expand-credit-for-foreign-arms-buyers",
        "section": "policy-industry",
        "tags": ["exports", "budget"],
        "contributors": ["han-seo-yeon"],
        "summary": (
            "Larger financing packages are meant to keep Korean bids competitive, but they also "
            "raise the government's exposure if buyers fail to pay."
        ),
        "paragraphs": [
            (
                "The government has raised the ceiling on loans that state lenders can offer to "
                "foreign governments buying Korean weapons, the finance ministry said. The change "
                "is meant to help companies compete for large contracts, where financing terms can "
                "matter as much as price."
            ),
            (
                "The export credit agency will provide most of the new credit lines, with the "
                "state development bank in a supporting role. The ministry did not disclose the "
                "size of the increase, citing commercial confidentiality."
            ),
            (
                "Several recent export deals have stalled over financing, as buyers struggled to "
                "pay for large purchases from their own budgets. Rival exporting countries "
                "routinely bundle loans and guarantees into their bids."
            ),
            (
                "Some economists warned that the policy increases the government's exposure to "
                "default. The ministry said each loan would be assessed individually and that "
                "limits would apply to any single country."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a stylized globe with meridian lines and arcing routes "
                "over a dark grid."
            ),
            "caption": "Financing terms can be decisive in large export competitions.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 214.9,
        "correction": (
            "An earlier version of this article named the wrong state lender as the main source of "
            "the new credit lines; it is the export credit agency, not the development bank."
        ),
    },
    {
        "headline": "Technology transfer demands reshape how Korean firms negotiate export deals",
        "slug": "technology-transfer-demands-reshape-export-deals",
        "section": "policy-industry",
        "tags": ["exports", "shipbuilding"],
        "contributors": ["han-seo-yeon", "mira-lindqvist"],
        "summary": (
            "Buyers increasingly want factories, jobs and know-how, not just finished equipment, "
            "forcing companies to rethink what they are willing to share."
        ),
        "paragraphs": [
            (
                "When Korean defense firms first won large export orders, many buyers were content "
                "to receive finished equipment. That has changed. Customers now routinely ask for "
                "local assembly, domestic suppliers and transfer of technical know-how as part of "
                "any major deal."
            ),
            (
                "For buyers, local production creates jobs and builds industrial capacity that can "
                "support equipment for decades. For sellers, it can mean slower delivery, higher "
                "costs and the risk of training a future competitor."
            ),
            (
                "Companies are responding in different ways. Some have agreed to build factories "
                "abroad, while others limit transfers to less sensitive components. Government "
                "approval is needed for any transfer involving controlled technology."
            ),
            (
                "Industry officials said the trend was unlikely to reverse. Negotiators now spend "
                "as much time on industrial cooperation plans as on price and delivery schedules."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a stylized globe with curved meridians and arcing routes "
                "over a faint grid."
            ),
            "caption": "Buyers increasingly want local production written into major deals.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 257.6,
    },
    {
        "headline": "Lawmakers question whether artillery ammunition stockpiles are large enough",
        "slug": "lawmakers-question-artillery-ammunition-stockpiles",
        "section": "policy-industry",
        "tags": ["artillery", "budget"],
        "contributors": ["mira-lindqvist"],
        "summary": (
            "At a committee hearing, officials declined to give figures but acknowledged that "
            "production capacity had not kept pace with planning assumptions."
        ),
        "paragraphs": [
            (
                "Members of the National Assembly's defense committee pressed officials on "
                "Wednesday over whether the military holds enough artillery ammunition for a long "
                "conflict. Officials declined to give figures, citing security, but acknowledged "
                "that stockpile targets were under review."
            ),
            (
                "Recent wars abroad have shown that armies can fire far more shells than planners "
                "expected. Several lawmakers asked whether the country's assumptions were based on "
                "outdated scenarios."
            ),
            (
                "A ministry official said domestic production capacity was being expanded but that "
                "it would take time to reach higher output. Export contracts for artillery shells "
                "are also competing for the same production lines."
            ),
            (
                "Some lawmakers called for rules reserving part of domestic output for the "
                "country's own forces. Industry representatives said such rules could discourage "
                "investment in new capacity."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart with columns of varying height and "
                "connected nodes over a faint grid."
            ),
            "caption": "Officials said stockpile targets were under review.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 293.1,
    },
    {
        "headline": "Missile makers seek alternatives to imported rare earth magnets",
        "slug": "missile-makers-seek-alternatives-to-imported-rare-earth-magnets",
        "section": "policy-industry",
        "tags": ["procurement", "logistics"],
        "contributors": ["han-seo-yeon"],
        "summary": (
            "The magnets are used in guidance fin actuators and motors, and companies are uneasy "
            "about relying on a single foreign source."
        ),
        "paragraphs": [
            (
                "Defense companies that build missiles and guided munitions are looking for new "
                "sources of rare earth magnets, according to industry officials. The magnets go "
                "into small motors that move guidance fins and into other precision components."
            ),
            (
                "Most of the magnets used by the country's defense industry are imported, and much "
                "of the world's rare earth processing is concentrated in one country. Officials "
                "worry that export restrictions could disrupt production."
            ),
            (
                "Options under discussion include stockpiling, buying from alternative suppliers "
                "and supporting domestic processing. Each has drawbacks, including cost and the "
                "years needed to build new facilities."
            ),
            (
                "The government has added rare earths to a list of critical materials eligible for "
                "state support. Industry groups say longer-term contracts from the military would "
                "make investment easier to justify."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart and a network of linked nodes over a "
                "dark grid."
            ),
            "caption": "Rare earth magnets are used in the motors that move missile guidance fins.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 333.9,
    },
    {
        "headline": "Defense ministry publishes its first dedicated space strategy",
        "slug": "ministry-publishes-first-defense-space-strategy",
        "section": "policy-industry",
        "tags": ["space", "alliance"],
        "contributors": ["yoon-min-jae", "mira-lindqvist"],
        "summary": (
            "The document sets goals for satellites, space surveillance and launch capability, and "
            "calls for closer cooperation with allies."
        ),
        "paragraphs": [
            (
                "The defense ministry has published its first strategy document devoted solely to "
                "space, setting goals for satellite reconnaissance, space surveillance and launch "
                "capability over the next decade. The document was released on Monday."
            ),
            (
                "The strategy calls for a larger constellation of reconnaissance satellites, a "
                "domestic ability to launch small satellites at short notice and better tracking "
                "of objects in orbit. It also stresses protecting satellites from jamming and "
                "cyberattacks."
            ),
            (
                "Cooperation with allies features prominently, including data sharing and joint "
                "exercises. The document says the country will follow international norms on "
                "responsible behavior in space."
            ),
            (
                "Analysts welcomed the strategy's clarity but noted that it contained no cost "
                "estimates. Funding will be decided through the regular budget process."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a stylized globe with meridian lines and arcing "
                "connections over a faint grid."
            ),
            "caption": (
                "The strategy sets goals for satellites, space surveillance and launch capability."
            ),
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 376.7,
    },
    {
        "headline": (
            "Analysis: The demographic cliff facing the armed forces, and the choices it forces"
        ),
        "slug": "analysis-the-demographic-cliff-facing-the-armed-forces",
        "section": "policy-industry",
        "tags": ["training", "budget"],
        "contributors": ["mira-lindqvist"],
        "summary": (
            "Fewer young people means fewer conscripts, and no single fix, whether technology, "
            "wider service or longer terms, will close the gap on its own."
        ),
        "paragraphs": [
            (
                "The numbers are stark. Within two decades, the number of men turning 20 each year "
                "will be a fraction of what it was at the turn of the century. For a military "
                "built around conscription, that is a structural problem, not a temporary dip."
            ),
            (
                "The most common answer is technology: replacing soldiers with sensors, drones and "
                "automated systems. That helps, but machines still need people to operate, "
                "maintain and command them, often with more specialized skills than conscripts "
                "usually bring."
            ),
            (
                "Other options are politically harder. Longer service terms would be unpopular, "
                "while proposals to widen service to women or lean more on professional soldiers "
                "raise questions of fairness and cost. Each option has advocates, and each has "
                "limits."
            ),
            (
                "The likely answer is a mix: a smaller force with more professionals, more "
                "technology and a reformed reserve. What matters is that the choices are made "
                "deliberately, rather than forced by shortfalls when they arrive."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart with columns of varying height over "
                "a faint grid, linked by network lines."
            ),
            "caption": "Fewer young people means fewer conscripts for the armed forces.",
            "credit": "Illustration: Tomás Reyes",
        },
        "kind": "published",
        "age_hours": 418.0,
    },
    {
        "headline": "Defense electronics makers hit by long lead times for specialized chips",
        "slug": "defense-electronics-makers-hit-by-chip-lead-times",
        "section": "policy-industry",
        "tags": ["procurement", "cyber"],
        "contributors": ["han-seo-yeon", "yoon-min-jae"],
        "summary": (
            "Radars and radios depend on specialized components made in small volumes, and chip "
            "suppliers are prioritizing larger commercial customers."
        ),
        "paragraphs": [
            (
                "Companies that build radars, radios and guidance systems are waiting longer for "
                "specialized chips, according to industry executives. Lead times for some "
                "components have stretched beyond a year."
            ),
            (
                "Unlike consumer electronics, defense systems use chips made in small quantities, "
                "often to older designs that must be qualified for harsh conditions. Chip makers "
                "have little incentive to put those orders first."
            ),
            (
                "Some companies are redesigning products around more widely available parts, which "
                "means new rounds of testing and certification. Others are building larger stocks "
                "of components, tying up cash."
            ),
            (
                "Security concerns add another layer. Defense customers want assurance that "
                "components have not been tampered with, which shrinks the pool of acceptable "
                "suppliers."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart and a cluster of connected network "
                "nodes over a dark grid."
            ),
            "caption": "Some defense components now take more than a year to arrive.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 457.2,
    },
    {
        "headline": (
            "Nordic customer signs follow-on deal for tracked howitzers and ammunition vehicles"
        ),
        "slug": "nordic-customer-signs-follow-on-howitzer-deal",
        "section": "policy-industry",
        "tags": ["exports", "artillery"],
        "contributors": ["han-seo-yeon"],
        "summary": (
            "The order adds to a fleet delivered earlier in the decade and includes armored "
            "vehicles that resupply the guns in the field."
        ),
        "paragraphs": [
            (
                "A Nordic army has signed a follow-on contract for more tracked self-propelled "
                "howitzers and ammunition resupply vehicles, the manufacturer said on Tuesday. The "
                "order builds on a fleet delivered earlier in the decade."
            ),
            (
                "The resupply vehicles carry shells and propellant charges and pass them to the "
                "howitzer through a conveyor, cutting the time crews spend exposed while "
                "reloading. The customer has also ordered training and spare parts packages."
            ),
            (
                "The manufacturer said the customer's experience running the existing fleet in "
                "deep cold had weighed in the decision. Some vehicles in the new batch will "
                "include changes requested by crews."
            ),
            (
                "Repeat orders are seen as a strong signal of customer satisfaction in the defense "
                "market. The company is also competing for artillery contracts in several other "
                "countries."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: a stylized globe with meridian lines and arcing routes "
                "over a faint grid."
            ),
            "caption": "The order includes armored vehicles that resupply howitzers in the field.",
            "credit": "Newsdesk graphic",
        },
        "kind": "published",
        "age_hours": 496.5,
    },
    {
        "headline": "Preview: What to watch at this year's Seoul defense exhibition",
        "slug": "preview-what-to-watch-at-this-years-defense-exhibition",
        "section": "policy-industry",
        "tags": ["exports", "drones", "kf-21"],
        "contributors": ["han-seo-yeon", "daniel-okafor"],
        "summary": (
            "Drones, uncrewed ground vehicles and export versions of familiar platforms are "
            "expected to dominate the show floor."
        ),
        "paragraphs": [
            (
                "The biennial defense exhibition near Seoul opens next week, and companies are "
                "expected to focus on drones, uncrewed systems and export versions of equipment "
                "already in Korean service. Organizers say more foreign delegations have "
                "registered than for any previous show."
            ),
            (
                "Visitors should look out for uncrewed ground vehicles, which several companies "
                "plan to unveil, and for loitering munitions, a category that has grown quickly "
                "since recent wars abroad. Counter-drone systems will also be prominent."
            ),
            (
                "On the aviation side, attention will focus on proposed variants of the KF-21 and "
                "on trainer jets aimed at export customers. Naval exhibitors are expected to "
                "display frigate and submarine designs on offer abroad."
            ),
            (
                "Beyond the hardware, the show is a marketplace. Several memoranda of "
                "understanding are usually signed during the week, though only some turn into firm "
                "contracts."
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart with connected network nodes over a "
                "faint grid."
            ),
            "caption": "Drones and uncrewed systems are expected to dominate the show floor.",
            "credit": "Newsdesk graphic",
        },
        "kind": "scheduled",
        "age_hours": -100.0,
    },
    {
        "headline": "Plan to relocate a city-centre air defense base wins initial approval",
        "slug": "city-centre-air-defense-base-relocation-plan",
        "section": "policy-industry",
        "tags": ["budget"],
        "contributors": ["mira-lindqvist"],
        "summary": (
            "The base would move to a site outside the city, freeing land for housing, but "
            "residents near the proposed new site have raised objections."
        ),
        "paragraphs": [
            (
                "A plan to move an air defense base from the centre of a provincial city to a site "
                "on its outskirts has won initial approval from the defense ministry. The land "
                "freed up would be handed to the city for housing and parks."
            ),
            (
                "City officials have pushed for the move for years, arguing that the base blocks "
                "development and that its noise and safety zones affect nearby neighborhoods. The "
                "ministry said the new location would also suit the base's mission better."
            ),
            (
                "Residents near the proposed new site have objected, citing noise and property "
                "values. Public hearings are expected before the plan is finalized."
            ),
            (
                "The cost of the move would be covered largely by selling or developing the "
                "existing site. [Desk note: add the figures from the city council budget "
                "document.]"
            ),
        ],
        "image": {
            "alt": (
                "Newsdesk illustration: an abstract bar chart and network nodes over a faint grid."
            ),
            "caption": "The freed land would be used for housing and parks.",
            "credit": "Newsdesk graphic",
        },
        "kind": "draft",
        "age_hours": 0.0,
    },
]
